import { Docker, type DockerCallOptions, type DockerOutput } from '../../src/rehearse/docker.js';
import { scaled } from './wait.js';

/** The CLI wrapper `hatoba rehearse` uses; free of vitest, so benchmarks import it too. */
const engine = new Docker(process.env);

export interface DockerCliOptions extends Omit<DockerCallOptions, 'signal'> {
  /** A test must not hang on a stuck daemon: the call is killed after this long (default 5 minutes), scaled for load. */
  readonly timeoutMs?: number;
  /** What the call waits for, for the timeout message (default: `docker SUBCOMMAND`). */
  readonly waitingFor?: string;
}

/**
 * `docker ARGS…` without a shell; rejects with a DockerError (exit code and the end of stderr) on failure, and on a
 * timeout with what it waited for and the last line it printed.
 */
export async function docker(args: readonly string[], options: DockerCliOptions = {}): Promise<DockerOutput> {
  const { timeoutMs = 300_000, waitingFor = `docker ${args[0] ?? ''}`, onLine, ...call } = options;
  const limit = scaled(timeoutMs);
  let last = 'no output';
  try {
    return await engine.run(args, {
      ...call,
      signal: AbortSignal.timeout(limit),
      onLine: (line) => {
        last = line;
        onLine?.(line);
      },
    });
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'TimeoutError')) throw error;
    throw new Error(`timed out after ${Math.round(limit / 1000)} s waiting for ${waitingFor}; last: ${last}`);
  }
}
