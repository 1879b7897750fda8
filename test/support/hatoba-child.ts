import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface HatobaChild {
  readonly child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited, with its code (null when a signal ended it). */
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Kills the process and everything it started (a test that timed out leaves nothing running); then waits. */
  stop(): Promise<void>;
}

/** The executable as a user runs it (runProcess, real signals), from the repository root. */
export function spawnHatoba(args: readonly string[], env: NodeJS.ProcessEnv = process.env): HatobaChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/hatoba-process.ts', ...args], {
    cwd: root,
    env: { ...env, NO_COLOR: '1' },
    // Its own process group, so `stop` reaches the docker commands it started too.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await done;
  };
  return { child, stdout: () => stdout, stderr: () => stderr, done, stop };
}
