import { createServer } from 'node:net';
import { UserError } from '../errors.js';
import { type Docker, DockerError } from './docker.js';
import { type ImagePlatform, platformProblem } from './image-build.js';
import { firstLine } from './steps/runner.js';

/**
 * What a rehearsal needs before it builds anything: a reachable Docker Engine, the registry image, loopback ports and
 * an engine that can build the configured platform. Each missing one is bad input (exit 2) naming its fix, found in
 * seconds instead of after a build of minutes.
 */

export interface PreflightInput {
  readonly registryImage: string;
  readonly platform: ImagePlatform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `process.platform`: the fix for an engine differs between Linux and Docker Desktop. */
  readonly os: NodeJS.Platform;
  readonly signal: AbortSignal;
}

/** Checks every prerequisite in order; returns the engine's CPU architecture. */
export async function checkPrerequisites(docker: Docker, input: PreflightInput): Promise<string> {
  const engine = await engineArchitecture(docker, input);
  const problem = await platformProblem(engine, input.platform, input.os);
  if (problem !== undefined) throw new UserError(problem.message, problem.fix);
  await registryImagePresent(docker, input);
  await loopbackListens();
  return engine;
}

async function engineArchitecture(docker: Docker, input: PreflightInput): Promise<string> {
  try {
    const { stdout } = await docker.run(['version', '--format', '{{.Server.Arch}}'], { signal: input.signal });
    return stdout.trim();
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    throw engineProblem(error, input);
  }
}

/** "Not installed", "not running" and "no permission" have different fixes; the Docker CLI's words tell them apart. */
export function engineProblem(error: DockerError, input: Pick<PreflightInput, 'env' | 'os'>): UserError {
  const desktop = input.os === 'darwin' || input.os === 'win32';
  const host = input.env.DOCKER_HOST;
  if (error.exitCode === null && /command not found/.test(error.stderr)) {
    return new UserError(
      'the docker command is not installed; rehearse builds and runs the image with it',
      desktop
        ? 'Install Docker Desktop (https://docs.docker.com/desktop/) and start it.'
        : 'Install Docker Engine (Debian/Ubuntu: apt-get install docker.io; others: https://docs.docker.com/engine/install/).',
    );
  }
  const said = firstLine(error.stderr) || error.message;
  if (/permission denied/i.test(error.stderr)) {
    return new UserError(
      `no permission to use the Docker socket (${said})`,
      'Add yourself to the docker group (sudo usermod -aG docker "$USER", then log in again), run rootless Docker ' +
        'and set DOCKER_HOST to its socket, or run hatoba with sudo.',
    );
  }
  const where = host === undefined ? 'the default socket' : `DOCKER_HOST=${host}`;
  return new UserError(
    `no Docker Engine answers at ${where} (${said})`,
    desktop
      ? 'Start Docker Desktop and wait until it says the engine is running, then try again.'
      : `Start the engine (sudo systemctl start docker), or ${host === undefined ? 'set' : 'fix'} DOCKER_HOST to point at a running one.`,
  );
}

/** The registry image on the engine already, or pulled now (a missing one would otherwise fail after the build). */
async function registryImagePresent(docker: Docker, input: PreflightInput): Promise<void> {
  const { registryImage: image, signal } = input;
  try {
    await docker.run(['image', 'inspect', '--format', '{{.Id}}', image], { signal });
    return;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
  }
  try {
    await docker.run(['pull', '--quiet', image], { signal });
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    throw new UserError(
      `the registry image ${image} is not on this Docker Engine and could not be pulled (${firstLine(error.stderr) || error.message})`,
      `Pull it where a registry is reachable (docker pull ${image}; docker login if it is private), or pass ` +
        '--registry-image with a distribution registry image this engine has or can pull (a mirror). Offline: ' +
        `docker save ${image} on another machine, docker load here.`,
    );
  }
}

/** The issuer and the engine's published ports live on 127.0.0.1; a sandbox without loopback cannot rehearse. */
async function loopbackListens(): Promise<void> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    throw new UserError(
      `cannot listen on a free port of 127.0.0.1 (${(error as Error).message})`,
      'rehearse serves its OIDC issuer and reaches the registry and the app on loopback ports: allow them.',
    );
  } finally {
    server.close();
  }
}
