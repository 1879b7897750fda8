import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { errorMessage } from '../../src/errors.js';
import type { DockerOutput } from '../../src/rehearse/docker.js';
import { REHEARSE_LABEL } from '../../src/rehearse/steps/state.js';
import { docker } from './docker-cli.js';
import { waitFor } from './wait.js';

export { docker } from './docker-cli.js';

/** Container tests run only when this is `1`; then a missing Docker daemon fails them instead of skipping. */
export const E2E_ENV = 'HATOBA_E2E';

/** True when a Docker daemon answers within a few seconds. */
export async function dockerAvailable(): Promise<boolean> {
  try {
    await docker(['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` for suites that need a Docker daemon: skipped with a printed reason unless HATOBA_E2E=1, and failing
 * (not skipping) when HATOBA_E2E=1 and no daemon answers, so CI cannot pass without running them.
 */
export function describeDocker(name: string, body: () => void): void {
  const enabled = process.env[E2E_ENV] === '1';
  if (!enabled) {
    console.info(`skipped "${name}": needs a Docker daemon; set ${E2E_ENV}=1 to run it (see docs/containers.md)`);
  }
  describe.skipIf(!enabled)(name, () => {
    beforeAll(async () => {
      if (!(await dockerAvailable())) {
        throw new Error(
          `${E2E_ENV}=1 but no Docker daemon answers \`docker info\`; start one with: sudo bash scripts/ci-setup.sh`,
        );
      }
    });
    body();
  });
}

/** A name no other test run on this daemon uses: lower case, as image references require. */
export function uniqueName(prefix: string): string {
  return `hatoba-e2e-${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export interface RunOptions {
  readonly name?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Container ports to publish on a free 127.0.0.1 port each; read the host port back with `hostPort`. */
  readonly publish?: readonly number[];
  readonly extraArgs?: readonly string[];
  readonly command?: readonly string[];
}

/** Containers and images a suite made, removed by `cleanup` (registered with afterAll by `useDocker`). */
export class DockerScope {
  private readonly containers = new Set<string>();
  private readonly images = new Set<string>();

  /** `docker build`; returns the tag. Build arguments are passed as given. */
  async build(
    context: string,
    tag: string,
    options: { dockerfile?: string; buildArgs?: Readonly<Record<string, string>>; noCache?: boolean } = {},
  ): Promise<string> {
    const args = ['build', '--quiet', '--tag', tag];
    if (options.dockerfile !== undefined) args.push('--file', options.dockerfile);
    if (options.noCache) args.push('--no-cache');
    for (const [key, value] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${key}=${value}`);
    this.images.add(tag);
    await docker([...args, context], { timeoutMs: 600_000 });
    return tag;
  }

  /** `docker run --detach`; returns the container name. */
  async run(image: string, options: RunOptions = {}): Promise<string> {
    const name = options.name ?? uniqueName('run');
    const args = ['run', '--detach', '--name', name];
    for (const [key, value] of Object.entries(options.env ?? {})) args.push('--env', `${key}=${value}`);
    for (const port of options.publish ?? []) args.push('--publish', `127.0.0.1::${port}`);
    this.containers.add(name);
    await docker([...args, ...(options.extraArgs ?? []), image, ...(options.command ?? [])]);
    return name;
  }

  /** `docker run --rm` in the foreground; returns its output, throws on a non-zero exit. */
  runOnce(image: string, command: readonly string[] = [], extraArgs: readonly string[] = []): Promise<DockerOutput> {
    return docker(['run', '--rm', ...extraArgs, image, ...command]);
  }

  track(kind: 'container' | 'image', name: string): void {
    (kind === 'container' ? this.containers : this.images).add(name);
  }

  async cleanup(): Promise<void> {
    const containers = [...this.containers];
    const images = [...this.images];
    this.containers.clear();
    this.images.clear();
    // Best effort: a resource that never got created is not an error here.
    if (containers.length > 0) await docker(['rm', '--force', '--volumes', ...containers]).catch(() => undefined);
    if (images.length > 0) await docker(['rmi', '--force', ...images]).catch(() => undefined);
  }
}

/** A DockerScope cleaned up after the enclosing suite. */
export function useDocker(): DockerScope {
  const scope = new DockerScope();
  afterAll(() => scope.cleanup());
  return scope;
}

/** The 127.0.0.1 port Docker published for a container port. */
export async function hostPort(container: string, port: number): Promise<number> {
  const { stdout } = await docker(['port', container, `${port}/tcp`]);
  const match = /127\.0\.0\.1:(\d+)/.exec(stdout);
  if (match?.[1] === undefined) throw new Error(`${container} publishes no 127.0.0.1 port for ${port}: ${stdout}`);
  return Number(match[1]);
}

/** Polls `url` until it answers `status`, or throws with what it saw last and the container's logs. */
export async function waitForHttp(url: string, container: string, timeoutMs = 15_000, status = 200): Promise<void> {
  try {
    await waitFor(
      `${url} to answer HTTP ${status}`,
      async (seen) => {
        const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        await res.body?.cancel();
        seen(`HTTP ${res.status}`);
        return res.status === status ? true : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    const { stdout, stderr } = await docker(['logs', container]).catch(() => ({ stdout: '', stderr: '' }));
    throw new Error(`${errorMessage(error)}; logs of ${container}:\n${stdout}${stderr}`);
  }
}

/** Waits for a container to stop and returns its exit code. */
export async function waitForExit(container: string, timeoutMs: number): Promise<number> {
  const { stdout } = await docker(['wait', container], { timeoutMs, waitingFor: `container ${container} to exit` });
  return Number(stdout.trim());
}

/** Containers, networks and volumes that carry the rehearse label of run `runId` (any run when omitted). */
export async function rehearseLeftovers(runId?: string): Promise<string[]> {
  const filter = ['--filter', `label=${runId === undefined ? REHEARSE_LABEL : `${REHEARSE_LABEL}=${runId}`}`];
  const found = await Promise.all([
    docker(['ps', '--all', '--format', 'container {{.Names}}', ...filter]),
    docker(['network', 'ls', '--format', 'network {{.Name}}', ...filter]),
    docker(['volume', 'ls', '--format', 'volume {{.Name}}', ...filter]),
  ]);
  return found.flatMap(({ stdout }) => stdout.split('\n')).filter((line) => line.trim() !== '');
}

/** Force-removes what run `runId` left (a test that timed out must not leave a container running). */
export async function removeRehearsal(runId: string): Promise<void> {
  for (const entry of await rehearseLeftovers(runId).catch(() => [])) {
    const [kind, name = ''] = entry.split(' ');
    const args = kind === 'container' ? ['rm', '--force', '--volumes'] : [kind ?? '', 'rm', '--force'];
    await docker([...args, name]).catch(() => undefined);
  }
}

/** Ids of every image (intermediate ones included) carrying `label` (`key=value`). */
export async function labelledImages(label: string): Promise<string[]> {
  const { stdout } = await docker(['image', 'ls', '--all', '--quiet', '--no-trunc', '--filter', `label=${label}`]);
  return [...new Set(stdout.split('\n').filter((id) => id.trim() !== ''))].sort();
}
