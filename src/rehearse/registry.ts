import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { errorMessage } from '../errors.js';
import { type Docker, DockerError } from './docker.js';
import { publishedPort } from './ports.js';

/**
 * A private registry standing in for ECR: the distribution registry (`registry:2`) on a free loopback port, with
 * basic auth for the user `AWS` (the user name `aws ecr get-login-password` logs in with) and a random password
 * that exists only in this process, a bcrypt password file (made in-process) and a throwaway Docker client config.
 */

const REGISTRY_USER = 'AWS';
const REGISTRY_PORT = 5000;
const READY_TIMEOUT_MS = 15_000;

export interface RegistryOptions {
  /** Container name; cleanup removes it by name even if starting it was interrupted. */
  readonly name: string;
  readonly image: string;
  /** Private directory for the htpasswd file and the Docker client config. */
  readonly workDir: string;
  /** Docker volume that keeps the registry's storage between runs, as an ECR repository keeps earlier images. */
  readonly volume?: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
}

export interface LocalRegistry {
  /** `127.0.0.1:PORT`, the registry part of image references. */
  readonly host: string;
  /** DOCKER_CONFIG for every docker call that talks to the registry; holds the login. */
  readonly dockerConfig: string;
  /** A registry API call with the registry's credentials. */
  api(path: string, init?: { method?: string; accept?: readonly string[] }): Promise<Response>;
}

export async function startRegistry(docker: Docker, options: RegistryOptions): Promise<LocalRegistry> {
  const { signal } = options;
  const password = randomBytes(24).toString('base64url');
  const authDir = join(options.workDir, 'auth');
  const dockerConfig = join(options.workDir, 'docker-config');
  await mkdir(authDir, { recursive: true, mode: 0o700 });
  await mkdir(dockerConfig, { recursive: true, mode: 0o700 });
  await writeFile(join(authDir, 'htpasswd'), await bcryptEntry(REGISTRY_USER, password), { mode: 0o644 });

  const labels = Object.entries(options.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
  await docker.run(
    [
      'create',
      '--name',
      options.name,
      ...labels,
      '--publish',
      `127.0.0.1::${REGISTRY_PORT}`,
      '--env',
      'REGISTRY_AUTH=htpasswd',
      '--env',
      'REGISTRY_AUTH_HTPASSWD_REALM=hatoba-rehearse',
      '--env',
      'REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd',
      ...(options.volume === undefined ? [] : ['--volume', `${options.volume}:/var/lib/registry`]),
      options.image,
    ],
    { signal },
  );
  // Copied rather than bind-mounted, so it works with a remote engine too (DOCKER_HOST=tcp://…).
  await docker.run(['cp', authDir, `${options.name}:/auth`], { signal });
  await docker.run(['start', options.name], { signal });
  const host = await publishedPort(docker, options.name, REGISTRY_PORT, signal);

  const authorization = `Basic ${Buffer.from(`${REGISTRY_USER}:${password}`).toString('base64')}`;
  const registry: LocalRegistry = {
    host,
    dockerConfig,
    api: (path, init = {}) =>
      fetch(`http://${host}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization, ...(init.accept ? { accept: init.accept.join(', ') } : {}) },
        ...(signal ? { signal } : {}),
      }),
  };
  await waitReady(docker, options.name, registry, signal);
  await docker.run(['login', host, '--username', REGISTRY_USER, '--password-stdin'], {
    signal,
    input: password,
    env: { DOCKER_CONFIG: dockerConfig },
  });
  return registry;
}

/**
 * `AWS:$2b$10$…`: the bcrypt entry `htpasswd -B` would write, made in-process so no extra program is needed. The
 * registry only accepts bcrypt; its golang.org/x/crypto/bcrypt reads `$2b$`. Cost 10 is plenty for a password that
 * is random, loopback-only and gone when the rehearsal ends.
 */
export async function bcryptEntry(user: string, password: string): Promise<string> {
  return `${user}:${await bcrypt.hash(password, 10)}\n`;
}

/** The registry answers `/v2/` with 200 once it serves (401 would mean the credentials are wrong). */
async function waitReady(
  docker: Docker,
  name: string,
  registry: LocalRegistry,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    try {
      const response = await registry.api('/v2/');
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      last = errorMessage(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { stdout, stderr } = await docker.run(['logs', '--tail', '20', name]).catch((error: unknown) => {
    return error instanceof DockerError ? error : { stdout: '', stderr: '' };
  });
  throw new Error(
    `the registry did not answer within ${READY_TIMEOUT_MS / 1000} s (last: ${last}); its log:\n${stdout}${stderr}`,
  );
}
