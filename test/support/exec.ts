import { execFile } from 'node:child_process';

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Runs a program without a shell; on failure the error names the command and carries the end of its stderr. */
export function execTool(file: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      [...args],
      {
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          const tail = stderr.trim().split('\n').slice(-15).join('\n');
          reject(
            new Error(`${file} ${args.join(' ')} failed (${error.code ?? error.signal ?? error.message}):\n${tail}`),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
    // A program that exits without reading its stdin closes the pipe first: that is no failure of ours.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}

export function docker(args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return execTool('docker', args, options);
}
