import type { Docker } from './docker.js';

/**
 * The unnamed images a build leaves: with the legacy builder each finished stage of a multi-stage Dockerfile is an
 * untagged image (hundreds of MB). `--label` cannot mark them (the legacy builder labels the final stage only), and
 * comparing image lists before and after would also catch another build running at the same time. So the build's
 * own output decides: the image ids it printed (`---> 0c15e7510940`) that are dangling afterwards are ours. BuildKit
 * writes no stage images and prints no such ids; its build cache is separate and stays, keeping the next run fast.
 */
export function printedImageIds(output: string): string[] {
  return [...new Set([...output.matchAll(/^ ---> ([0-9a-f]{12})$/gm)].map((match) => match[1] ?? ''))];
}

/**
 * The containers of build steps still running when the output ends (`---> Running in ID` with no `Removing
 * intermediate container ID` after it): after Ctrl-C the engine is still removing them, and the stage image they
 * were started from cannot be removed until they are gone.
 */
export function unfinishedStepContainers(output: string): string[] {
  const started = [...output.matchAll(/^ ---> Running in ([0-9a-f]{12})$/gm)].map((match) => match[1] ?? '');
  const removed = new Set([...output.matchAll(/^Removing intermediate container ([0-9a-f]{12})$/gm)].map((m) => m[1]));
  return [...new Set(started.filter((id) => !removed.has(id)))];
}

/** Removes the containers of interrupted build steps and waits until the engine has let them go. */
export async function removeStepContainers(docker: Docker, containers: readonly string[], waitMs = 30_000) {
  const deadline = Date.now() + waitMs;
  for (const id of containers) {
    // "removal … is already in progress": the engine is at it since the build was cancelled; wait below.
    await docker.remove(['rm', '--force', id]).catch(() => undefined);
    while (Date.now() < deadline && (await exists(docker, id))) await new Promise((done) => setTimeout(done, 250));
  }
}

async function exists(docker: Docker, container: string): Promise<boolean> {
  return docker.run(['container', 'inspect', '--format', '{{.Id}}', container]).then(
    () => true,
    () => false,
  );
}

/** Removes the dangling images among `printed` (never a tagged one, never `keep`); returns how many went. */
export async function removeBuildLeftovers(docker: Docker, printed: readonly string[], keep?: string): Promise<number> {
  if (printed.length === 0) return 0;
  const { stdout } = await docker.run(['image', 'ls', '--quiet', '--no-trunc', '--filter', 'dangling=true']);
  const ours = stdout
    .split('\n')
    .map((id) => id.trim())
    .filter((id) => id !== '' && id !== keep && printed.includes(id.replace(/^sha256:/, '').slice(0, 12)));
  for (const id of ours) await docker.remove(['image', 'rm', id]);
  return ours.length;
}
