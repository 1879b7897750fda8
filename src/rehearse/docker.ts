import { execFile } from 'node:child_process';

/**
 * The Docker CLI the user already has, called with an argument list (never through a shell). Values that must not
 * appear in a process listing (passwords, environment values) go through stdin or the child's environment.
 */

export interface DockerCallOptions {
  readonly signal?: AbortSignal | undefined;
  /** Added to the environment of this call only (DOCKER_CONFIG, `-e NAME` values). */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Written to the child's stdin, which is then closed. */
  readonly input?: string | undefined;
  /** Each line of stdout and stderr as it comes (build and push output), besides the whole text at the end. */
  readonly onLine?: ((line: string) => void) | undefined;
}

export interface DockerOutput {
  readonly stdout: string;
  readonly stderr: string;
}

export class DockerError extends Error {
  override readonly name = 'DockerError';
  constructor(
    /** `docker build`, `docker push`: the subcommand, for messages (never the arguments, which may hold paths). */
    readonly command: string,
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`${command} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${lastLines(stderr || stdout, 5)}`);
  }
}

/** Output of builds and pushes can be long; keep far more than any step needs. */
const MAX_BUFFER = 256 * 1024 * 1024;

export class Docker {
  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly binary = 'docker',
  ) {}

  /** Runs `docker ARGS…`; rejects with DockerError on a non-zero exit, with the signal's reason when aborted. */
  run(args: readonly string[], options: DockerCallOptions = {}): Promise<DockerOutput> {
    const command = `docker ${args[0] ?? ''}`;
    return new Promise((resolve, reject) => {
      const child = execFile(
        this.binary,
        [...args],
        {
          env: { ...this.env, ...options.env },
          maxBuffer: MAX_BUFFER,
          ...(options.signal ? { signal: options.signal } : {}),
        },
        (error, stdout, stderr) => {
          if (options.signal?.aborted) return reject(options.signal.reason);
          if (!error) return resolve({ stdout, stderr });
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') {
            return reject(new DockerError(command, null, '', `${this.binary}: command not found`));
          }
          reject(new DockerError(command, typeof code === 'number' ? code : null, stdout, stderr));
        },
      );
      if (options.onLine) {
        for (const stream of [child.stdout, child.stderr]) if (stream) forEachLine(stream, options.onLine);
      }
      // The child may exit before reading stdin; that is its business, not a crash of ours.
      child.stdin?.on('error', () => {});
      child.stdin?.end(options.input ?? '');
    });
  }

  /** Like `run`, but a missing object (container, network, image) is not an error: cleanup calls it blindly. */
  async remove(args: readonly string[]): Promise<void> {
    try {
      await this.run(args);
    } catch (error) {
      if (error instanceof DockerError && /no such|not found/i.test(error.stderr)) return;
      throw error;
    }
  }
}

/** Calls `onLine` with each complete line of `stream` (BuildKit ends its progress lines with `\n`; `\r` too). */
function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const text of lines) if (text.trim() !== '') onLine(text);
  });
  stream.on('end', () => {
    if (partial.trim() !== '') onLine(partial);
    partial = '';
  });
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
