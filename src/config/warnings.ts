import { credentialFindings } from './credentials.js';
import type { HatobaConfig } from './resolve.js';

/** `*` and `?`: what makes a branch or environment a StringLike pattern in the trust policy. */
const WILDCARD = /[*?]/;

/** Audiences typed for `sts.amazonaws.com` (and the China partition's) that STS never matches. */
const AUDIENCE_TYPOS: Readonly<Record<string, string>> = {
  'sts.amazon.com': 'sts.amazonaws.com',
  'sts.amazon.com.cn': 'sts.amazonaws.com.cn',
};

/**
 * What is allowed but widens or breaks who can deploy: the explicit opt-ins and likely typos. `policy`, `synth` and
 * everything else that generates a trust policy repeat these (they come back through `trustPolicy`).
 */
export function trustWarnings(config: HatobaConfig): string[] {
  const { github } = config;
  const warnings: string[] = [];
  const owner = github.repository.split('/')[0] ?? '';
  if (github.trustAllRepositoriesOfOwner) {
    warnings.push(
      `github.trustAllRepositoriesOfOwner is true: every repository of ${owner}, including ones created later ` +
        'and forks transferred in, can assume the deploy role. Trust only the deploying repository unless you must.',
    );
  }
  const branchPatterns = github.branches.filter((branch) => WILDCARD.test(branch));
  if (github.trustBranchPatterns && branchPatterns.length > 0) {
    warnings.push(
      `github.trustBranchPatterns is true: every branch matching ${branchPatterns.join(', ')}, including ones ` +
        'anyone with push access creates later, can assume the deploy role. List exact branch names unless you must.',
    );
  }
  if (github.trustEnvironmentPattern && github.environment !== undefined && WILDCARD.test(github.environment)) {
    warnings.push(
      `github.trustEnvironmentPattern is true: every environment matching ${github.environment} can assume the ` +
        'deploy role, and a workflow job that names an environment that does not exist creates it, without ' +
        'protection rules. Name the one environment unless you must.',
    );
  }
  const intended = AUDIENCE_TYPOS[github.audience];
  if (intended !== undefined) {
    warnings.push(
      `github.audience is ${github.audience}, which looks like a typo of ${intended}: AWS STS refuses a token ` +
        'whose audience the OIDC provider does not list (Incorrect token audience). Remove the key to use the default.',
    );
  }
  return warnings;
}

/** Plain environment variables that look like credentials; the value is never part of the warning. */
function environmentWarnings(config: HatobaConfig): string[] {
  return credentialFindings(config.ecs.container.environment).map(
    ({ name, reason }) =>
      `ecs.container.environment.${name} looks like a credential (${reason}): plain environment variables are ` +
      'readable by anyone allowed to describe the task definition. Store it in Secrets Manager or SSM Parameter ' +
      'Store and reference its ARN under ecs.container.secrets.',
  );
}

/** Every warning about a valid hatoba.yml, as `config validate` prints them. */
export function configWarnings(config: HatobaConfig): string[] {
  return [...trustWarnings(config), ...environmentWarnings(config)];
}
