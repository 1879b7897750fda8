import type { IAMClient } from '@aws-sdk/client-iam';
import { chooseEnvironment } from '../config/environments.js';
import type { LoadedConfig } from '../config/load.js';
import { UserError } from '../errors.js';
import { displayPath } from '../fs/display-path.js';
import { readInput, withFlag } from '../fs/read-input.js';
import { deployRoleArn, resourceArns } from '../naming.js';
import type { ExplainPolicy } from './explain.js';
import { normalizePolicy, parsePolicyText } from './policy.js';
import { pushTrustPolicy, type TrustPolicy, trustPolicy } from './trust.js';
import { trustRisks } from './trust-risks.js';

/** The trust policy a check runs against: a file the user gives, or the one hatoba generates from hatoba.yml. */

export interface TrustInput {
  readonly trust: ExplainPolicy;
  /** Problems of the policy worth reading even when it allows (duplicate keys, over-broad trust). */
  readonly warnings: string[];
}

/** `--trust-policy FILE` (a policy document or `aws iam get-role` output; `-` reads stdin). */
export async function trustPolicyFromFile(path: string, cwd: string): Promise<TrustInput> {
  const text = (await readInput(path, '--trust-policy', cwd)).toString('utf8');
  const source = path === '-' ? '--trust-policy (stdin)' : path;
  const { policy, warnings } = withFlag('--trust-policy', () => parsePolicyText(text, source));
  const messages = [...warnings.map((warning) => warning.message), ...trustRisks(policy)];
  return { trust: { policy, source }, warnings: messages.map((message) => `${source}: ${message}`) };
}

/**
 * The trust policy a role has in AWS now (`iam:GetRole`). GetRole's AssumeRolePolicyDocument is "URL-encoded
 * compliant with RFC 3986" (IAM API Reference, GetRole); parsePolicyText decodes it. A missing role is a usage error
 * naming it.
 */
export async function liveTrustPolicy(iam: IAMClient, roleName: string): Promise<TrustInput & { roleArn: string }> {
  const { getRole } = await import('./get-role.js');
  const role = await getRole(iam, roleName);
  if (role === undefined) {
    throw new UserError(
      `role ${roleName} does not exist in the account of these credentials (iam:GetRole: NoSuchEntity)`,
      'Check the role name (`aws iam list-roles`), and that AWS_PROFILE points at the account the workflow deploys to; `hatoba up` creates the deploy role.',
    );
  }
  if (role.Arn === undefined || role.AssumeRolePolicyDocument === undefined) {
    throw new UserError(`iam:GetRole returned no trust policy for role ${roleName}`);
  }
  const source = `the trust policy of ${role.Arn} (iam:GetRole)`;
  const { policy, warnings } = parsePolicyText(role.AssumeRolePolicyDocument, source);
  const messages = [...warnings.map((warning) => warning.message), ...trustRisks(policy)];
  return {
    trust: { policy, source, roleArn: role.Arn },
    warnings: messages.map((message) => `${source}: ${message}`),
    roleArn: role.Arn,
  };
}

/** The deploy role's trust policy as `hatoba up` would create it; messages name hatoba.yml relative to `cwd`. */
export function generatedTrustPolicy(loaded: LoadedConfig, cwd: string): TrustInput {
  return generated(loaded, cwd, trustPolicy(loaded.config), deployRoleArn(loaded.config), 'the trust policy');
}

/**
 * With `environments`: the push role's trust policy (the build job's branches and tags), as the pipeline stack of the
 * build account creates it; any environment's configuration names the build account's role and provider.
 */
export function generatedPushTrustPolicy(loaded: LoadedConfig, cwd: string): TrustInput {
  const { config } = loaded;
  return generated(loaded, cwd, pushTrustPolicy(config), resourceArns(config).pushRole, "the push role's trust policy");
}

function generated(loaded: LoadedConfig, cwd: string, made: TrustPolicy, roleArn: string, what: string): TrustInput {
  const source = `${what} generated from ${displayPath(cwd, loaded.path)}`;
  const policy = normalizePolicy(made.document, source);
  // The owner-wide opt-in already has its own warning from the generator.
  const risks = trustRisks(policy, { ownerWideOptIn: loaded.config.github.trustAllRepositoriesOfOwner });
  const roles = environmentRoles(loaded);
  return {
    trust: { policy, source, roleArn, ...(roles === undefined ? {} : { environmentRoles: roles }) },
    warnings: [...made.warnings, ...risks.map((risk) => `${source}: ${risk}`)],
  };
}

/**
 * The generated trust policy a token is checked against. With `environments` (loaded with `anyEnvironment`): the
 * environment named (`named`: --environment or HATOBA_ENVIRONMENT), else the one whose deploy role — or the push
 * role — is `roleArn`, else the only one; several and no clue is the usual error listing them (exit 2).
 */
export function generatedTrustFor(
  loaded: LoadedConfig,
  cwd: string,
  clue: { readonly named: boolean; readonly roleArn?: string | undefined },
): TrustInput {
  if (loaded.environments.length === 0 || clue.named) return generatedTrustPolicy(loaded, cwd);
  if (clue.roleArn !== undefined) {
    const deploying = loaded.environments.find((config) => deployRoleArn(config) === clue.roleArn);
    if (deploying !== undefined) return generatedTrustPolicy({ ...loaded, config: deploying }, cwd);
    if (loaded.environments.some((config) => resourceArns(config).pushRole === clue.roleArn)) {
      return generatedPushTrustPolicy(loaded, cwd);
    }
  }
  const only = chooseEnvironment(loaded.environments, {}, displayPath(cwd, loaded.path));
  return generatedTrustPolicy({ ...loaded, config: only ?? loaded.config }, cwd);
}

/** With `environments`: each GitHub environment's deploy role, so a hint can name the role a token is for. */
function environmentRoles(loaded: LoadedConfig): Record<string, string> | undefined {
  if (loaded.environments.length === 0) return undefined;
  return Object.fromEntries(
    loaded.environments.map((config) => [config.github.environment ?? '', deployRoleArn(config)]),
  );
}
