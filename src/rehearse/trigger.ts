import type { HatobaConfig } from '../config/resolve.js';
import { UserError } from '../errors.js';
import { hasWildcard } from '../iam/match.js';
import { deployJob } from '../iam/trust.js';
import { branchRef, type GitHubClaims, type GitHubEvent, type GitHubEventName, githubClaims } from '../oidc/claims.js';

/** Triggers `--event` accepts: every event the claims model knows. */
export const REHEARSE_EVENTS = [
  'push',
  'workflow_dispatch',
  'pull_request',
  'pull_request_target',
  'release',
  'schedule',
  'workflow_run',
] as const satisfies readonly GitHubEventName[];

export interface TriggerOptions {
  readonly event?: GitHubEventName | undefined;
  /** `refs/heads/x`, `refs/tags/v1`, or a bare branch name. */
  readonly ref?: string | undefined;
  /** A name, or `false` for a job without `environment:` (`--no-environment`). Absent: the configured one. */
  readonly environment?: string | false | undefined;
}

export interface RehearsedJob {
  readonly claims: GitHubClaims;
  /** `push to refs/heads/main in environment production`. */
  readonly description: string;
}

/**
 * The claims of the job being rehearsed: by default the deploy job itself (a push to the first configured branch, in
 * the configured environment); flags swap in another trigger to see what its token would be allowed to do.
 */
export function rehearsedJob(config: HatobaConfig, options: TriggerOptions = {}): RehearsedJob {
  const job = deployJob(config);
  if (options.environment === false) delete job.environment;
  else if (options.environment !== undefined) job.environment = options.environment;
  const defaultBranch = config.github.branches.find((branch) => !hasWildcard(branch)) ?? 'main';
  const event = githubEvent(options.event ?? 'push', options.ref, config, defaultBranch);
  const claims = githubClaims({ ...job, event, defaultBranch });
  const where = job.environment === undefined ? 'without an environment' : `in environment ${job.environment}`;
  return { claims, description: `${event.name} on ${claims.ref} ${where}` };
}

function githubEvent(
  name: GitHubEventName,
  ref: string | undefined,
  config: HatobaConfig,
  defaultBranch: string,
): GitHubEvent {
  const full = ref === undefined ? undefined : fullRef(ref);
  switch (name) {
    case 'push':
    case 'workflow_dispatch':
      return { name, ref: full ?? defaultRef(config) };
    case 'pull_request':
      return { name, base: defaultBranch, head: refName(full) ?? 'feature', number: 1 };
    case 'pull_request_target':
      return { name, base: refName(full) ?? defaultBranch, head: 'feature' };
    case 'release': {
      const tag = full?.startsWith('refs/tags/') ? refName(full) : config.github.tags.find((t) => !hasWildcard(t));
      if (tag === undefined) {
        throw new UserError('--event release needs a tag: pass --ref refs/tags/NAME', 'e.g. --ref refs/tags/v1.0.0');
      }
      return { name, tag };
    }
    default:
      return { name };
  }
}

/** What a push of the deploy workflow runs on: the first configured branch, else the first configured tag. */
function defaultRef(config: HatobaConfig): string {
  const branch = config.github.branches.find((b) => !hasWildcard(b));
  if (branch !== undefined) return branchRef(branch);
  const tag = config.github.tags.find((t) => !hasWildcard(t));
  if (tag !== undefined) return `refs/tags/${tag}`;
  throw new UserError(
    'github.branches and github.tags list only patterns, so there is no ref to rehearse',
    'Pass one with --ref, e.g. --ref refs/heads/main or --ref refs/tags/v1.0.0',
  );
}

function fullRef(ref: string): string {
  if (ref.startsWith('refs/')) return ref;
  if (ref.trim() === '' || /\s/.test(ref)) throw new UserError(`--ref ${JSON.stringify(ref)} is not a git ref`);
  return branchRef(ref);
}

function refName(ref: string | undefined): string | undefined {
  return ref?.replace(/^refs\/(heads|tags)\//, '');
}
