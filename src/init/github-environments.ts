import type { HatobaConfig } from '../config/resolve.js';
import type { RunProgram } from '../github/git-remote.js';

/** GitHub's REST reference for the call that creates (or updates) an environment and its protection rules. */
export const ENVIRONMENT_API_DOCS =
  'https://docs.github.com/en/rest/deployments/environments#create-or-update-an-environment';

/** `repos/OWNER/REPO/environments/NAME`: REST "Create or update an environment" is PUT on this path. */
function environmentPath(repository: string, githubEnvironment: string): string {
  return `repos/${repository}/environments/${encodeURIComponent(githubEnvironment)}`;
}

/** The GitHub environments the deploy jobs run in, in promotion order. */
export function githubEnvironments(environments: readonly HatobaConfig[]): string[] {
  return environments.flatMap((each) => (each.github.environment === undefined ? [] : [each.github.environment]));
}

/** `gh api --method PUT repos/OWNER/REPO/environments/NAME`, as arguments: creates the environment (no rules). */
export function createEnvironmentArgv(repository: string, githubEnvironment: string): string[] {
  return ['gh', 'api', '--method', 'PUT', environmentPath(repository, githubEnvironment)];
}

/**
 * A shell line that makes one reviewer (the logged-in user) approve each deploy to this environment: the REST call's
 * `reviewers` is a list of `{type: User|Team, id}` (ids, not logins).
 */
export function requireReviewerCommand(repository: string, githubEnvironment: string): string {
  return (
    `echo '{"reviewers":[{"type":"User","id":'"$(gh api user --jq .id)"'}]}' | ` +
    `gh api --method PUT ${environmentPath(repository, githubEnvironment)} --input -`
  );
}

/**
 * Creates each GitHub environment that does not exist yet (environment variables can only be set on an existing
 * one). An existing environment is left alone: a PUT without a body must not touch its protection rules.
 */
export async function ensureGithubEnvironments(
  repository: string,
  names: readonly string[],
  run: RunProgram,
  cwd: string,
): Promise<void> {
  for (const name of names) {
    try {
      await run('gh', ['api', environmentPath(repository, name), '--silent'], { cwd });
    } catch {
      const [program = 'gh', ...args] = createEnvironmentArgv(repository, name);
      await run(program, args, { cwd });
    }
  }
}
