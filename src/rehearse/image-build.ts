import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildArgs } from '../build/build-args.js';
import type { LoadedConfig } from '../config/load.js';
import { UserError } from '../errors.js';
import { displayPath } from '../fs/display-path.js';
import { pathExists } from '../fs/path-kind.js';
import type { Docker } from './docker.js';

/** Builds the image the way the deploy workflow's build job does: same context, Dockerfile, platform and labels. */

export type ImagePlatform = 'linux/amd64' | 'linux/arm64';

export interface BuildRequest {
  /** Absolute paths, from build.context and build.dockerfile. */
  readonly context: string;
  readonly dockerfile: string;
  readonly tag: string;
  readonly platform: ImagePlatform;
  readonly revision: string;
  /** `https://github.com/OWNER/REPO`, the image's source label. */
  readonly source: string;
  /** Rebuild every layer, as a fresh CI runner without a cache would. */
  readonly noCache: boolean;
}

export interface BuiltImage {
  readonly tag: string;
  /** The image id (the digest of its config). */
  readonly id: string;
  /** Uncompressed size, as `docker image ls` shows it. */
  readonly sizeBytes: number;
  /** Layer diff ids, bottom first. */
  readonly layers: readonly string[];
  /** What `docker build` printed on stdout. */
  readonly output: string;
}

/** build.context and build.dockerfile resolved against hatoba.yml's directory; a missing one is bad input. */
export async function buildPaths(loaded: LoadedConfig, cwd: string): Promise<{ context: string; dockerfile: string }> {
  const context = resolve(loaded.dir, loaded.config.build.context);
  const dockerfile = resolve(context, loaded.config.build.dockerfile);
  const shown = (path: string) => displayPath(cwd, path);
  if (!(await pathExists(context))) {
    throw new UserError(
      `build.context: ${shown(context)} does not exist`,
      `Set build.context in ${shown(loaded.path)} to the directory to build, relative to that file.`,
    );
  }
  if (!(await pathExists(dockerfile))) {
    throw new UserError(
      `build.dockerfile: ${shown(dockerfile)} does not exist`,
      `Set build.dockerfile in ${shown(loaded.path)}, relative to build.context (${shown(context)}).`,
    );
  }
  return { context, dockerfile };
}

/** Builds; `onLine` gets the build's output as it comes (BuildKit's plain progress when not on a terminal). */
export async function buildImage(
  docker: Docker,
  request: BuildRequest,
  signal?: AbortSignal,
  onLine?: (line: string) => void,
): Promise<BuiltImage> {
  const args = [
    'build',
    '--platform',
    request.platform,
    '--file',
    request.dockerfile,
    '--tag',
    request.tag,
    ...buildArgs(request.revision, request.source).flatMap((arg) => ['--build-arg', arg]),
    '--label',
    `org.opencontainers.image.revision=${request.revision}`,
    '--label',
    `org.opencontainers.image.source=${request.source}`,
    ...(request.noCache ? ['--no-cache'] : []),
    request.context,
  ];
  const output = await docker.run(args, { signal, onLine });
  const { stdout } = await docker.run(
    ['image', 'inspect', '--format', '{{json .Id}} {{json .Size}} {{json .RootFS.Layers}}', request.tag],
    { signal },
  );
  const [id, size, layers] = stdout
    .trim()
    .split(' ')
    .map((field) => JSON.parse(field)) as [string, number, string[]];
  return { tag: request.tag, id, sizeBytes: size, layers, output: output.stdout };
}

/**
 * Why this engine cannot build or run `platform`, and the fix; undefined when it can: natively, through a
 * binfmt_misc emulator registered on this Linux host, or on Docker Desktop (macOS, Windows), which ships QEMU.
 */
export async function platformProblem(
  engineArchitecture: string,
  platform: ImagePlatform,
  os: NodeJS.Platform = process.platform,
): Promise<{ message: string; fix: string } | undefined> {
  const wanted = platform.slice('linux/'.length);
  if (normalizeArchitecture(engineArchitecture) === wanted || os !== 'linux') return undefined;
  const emulator = wanted === 'arm64' ? 'qemu-aarch64' : 'qemu-x86_64';
  const entry = await readFile(`/proc/sys/fs/binfmt_misc/${emulator}`, 'utf8').catch(() => '');
  if (entry.startsWith('enabled')) return undefined;
  return {
    message:
      `ecs.architecture needs ${platform} images, but this Docker Engine runs linux/${normalizeArchitecture(engineArchitecture)} ` +
      `and has no ${wanted} emulation (no enabled binfmt_misc handler ${emulator})`,
    fix:
      `Register the emulator (Debian/Ubuntu: apt-get install qemu-user-static binfmt-support; any Linux: docker run ` +
      `--privileged --rm tonistiigi/binfmt --install ${wanted}), or rehearse on an ${wanted} machine.`,
  };
}

/** Docker reports `x86_64` or `amd64`, `aarch64` or `arm64` depending on the engine. */
export function normalizeArchitecture(architecture: string): string {
  if (architecture === 'x86_64') return 'amd64';
  if (architecture === 'aarch64') return 'arm64';
  return architecture;
}

export interface Revision {
  /** The commit the build would be tagged with in CI (`github.sha`), or `unversioned` outside git. */
  readonly sha: string;
  /** The working tree has changes the commit lacks: the image is not exactly what CI would build. */
  readonly dirty: boolean;
}

/** The checked-out commit of the directory holding hatoba.yml. */
export async function gitRevision(dir: string, env: Readonly<Record<string, string | undefined>>): Promise<Revision> {
  const git = (args: string[]) =>
    new Promise<string>((resolvePromise, reject) => {
      execFile('git', ['-C', dir, ...args], { env }, (error, stdout) =>
        error ? reject(error) : resolvePromise(stdout),
      );
    });
  try {
    const sha = (await git(['rev-parse', 'HEAD'])).trim();
    const status = await git(['status', '--porcelain', '--untracked-files=no', '--', '.']);
    return { sha, dirty: status.trim() !== '' };
  } catch {
    return { sha: 'unversioned', dirty: true };
  }
}
