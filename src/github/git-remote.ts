import { execFile } from 'node:child_process';

/** Runs a program without a shell and returns its stdout; rejects on a non-zero exit. Tests pass their own. */
export type RunProgram = (program: string, args: readonly string[], options: { cwd: string }) => Promise<string>;

export const runProgram: RunProgram = (program, args, options) =>
  new Promise((resolve, reject) => {
    execFile(program, [...args], { cwd: options.cwd, timeout: 15_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(String(stdout));
    });
  });

/**
 * `owner/repo` from a GitHub remote URL: https (`https://github.com/o/r.git`), scp-like ssh (`git@github.com:o/r`)
 * and ssh URLs (`ssh://git@github.com/o/r.git`). Undefined for anything that is not github.com.
 */
export function repositoryFromRemote(url: string): string | undefined {
  const match =
    /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|ssh:\/\/git@(?:ssh\.)?github\.com(?::\d+)?\/|git@github\.com:)([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/i.exec(
      url.trim(),
    );
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** The GitHub repository of `origin`, when there is one. */
export async function detectRepository(cwd: string, run: RunProgram = runProgram): Promise<string | undefined> {
  try {
    return repositoryFromRemote(await run('git', ['remote', 'get-url', 'origin'], { cwd }));
  } catch {
    return undefined;
  }
}

/** origin's default branch (`refs/remotes/origin/HEAD`), else the checked-out branch. */
export async function detectDefaultBranch(cwd: string, run: RunProgram = runProgram): Promise<string | undefined> {
  try {
    const head = (await run('git', ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], { cwd })).trim();
    if (head.startsWith('refs/remotes/origin/')) return head.slice('refs/remotes/origin/'.length);
  } catch {
    // No remote HEAD (fresh clone of an empty repository, or no remote): fall back to the current branch.
  }
  try {
    const branch = (await run('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd })).trim();
    return branch === '' ? undefined : branch;
  } catch {
    return undefined;
  }
}
