import { execFile } from 'node:child_process';
import { errorMessage } from '../errors.js';

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

/** What `origin` says about the GitHub repository: the repository, and what the user should know about it. */
export interface RemoteRepository {
  readonly repository?: string | undefined;
  /** Why there is no repository (git refused, not GitHub), or a caution about the one found. */
  readonly note?: string | undefined;
}

/** The GitHub repository of `origin`, with a note when git refused or the remote is not GitHub's. */
export async function describeRemote(cwd: string, run: RunProgram = runProgram): Promise<RemoteRepository> {
  let url: string;
  try {
    url = (await run('git', ['remote', 'get-url', 'origin'], { cwd })).trim();
  } catch (error) {
    const said = errorMessage(error);
    // git ≥ 2.35.2 refuses repositories owned by another user (CVE-2022-24765) and says how to allow one.
    if (/dubious ownership/.test(said)) {
      const top = /safe\.directory (\S+)/.exec(said)?.[1] ?? cwd;
      return {
        note:
          `git refused to read ${top}: "detected dubious ownership in repository" (it belongs to another user). ` +
          `If you trust it: git config --global --add safe.directory ${top}; or pass --repository owner/name`,
      };
    }
    return {};
  }
  const repository = repositoryFromRemote(url);
  if (repository === undefined) {
    return { note: `origin is ${url}, not a github.com repository; pass --repository owner/name` };
  }
  if (/[A-Z]/.test(repository)) {
    return {
      repository,
      note:
        `github.repository ${repository} is spelled as in the remote URL; GitHub puts the repository's own spelling ` +
        "in the token's sub and IAM compares it case-sensitively: check it (gh repo view --json nameWithOwner)",
    };
  }
  return { repository };
}

/** The GitHub repository of `origin`, when there is one. */
export async function detectRepository(cwd: string, run: RunProgram = runProgram): Promise<string | undefined> {
  return (await describeRemote(cwd, run)).repository;
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
