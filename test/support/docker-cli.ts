import { Docker, type DockerCallOptions, type DockerOutput } from '../../src/rehearse/docker.js';

/** The CLI wrapper `hatoba rehearse` uses; free of vitest, so benchmarks import it too. */
const engine = new Docker(process.env);

export interface DockerCliOptions extends Omit<DockerCallOptions, 'signal'> {
  /** A test must not hang on a stuck daemon: the call is killed after this long (default 5 minutes). */
  readonly timeoutMs?: number;
}

/** `docker ARGS…` without a shell; rejects with a DockerError (exit code and the end of stderr) on failure. */
export function docker(args: readonly string[], options: DockerCliOptions = {}): Promise<DockerOutput> {
  const { timeoutMs = 300_000, ...call } = options;
  return engine.run(args, { ...call, signal: AbortSignal.timeout(timeoutMs) });
}
