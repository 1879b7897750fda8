import type { HatobaConfig } from '../config/resolve.js';
import { type ExplainResult, explain } from '../iam/explain.js';
import { requestFromToken } from '../iam/explain-inputs.js';
import type { TrustInput } from '../iam/trust-input.js';
import { resourceArns } from '../naming.js';

/**
 * The second half of AssumeRoleWithWebIdentity: once the token itself is valid, STS evaluates its claims against
 * the role's trust policy. The local issuer stands in for token.actions.githubusercontent.com, so the claims are
 * presented as coming from the account's GitHub OIDC provider, and the verdict and hints are `hatoba explain`'s own.
 */
export async function checkTrust(
  token: string,
  origin: string,
  config: HatobaConfig,
  input: TrustInput,
): Promise<ExplainResult> {
  const arns = resourceArns(config);
  // The role the policy belongs to (the push role, with --no-environment and `environments`), else the deploy role.
  const roleArn = input.trust.roleArn ?? arns.deployRole;
  const request = await requestFromToken(token, { roleArn, providerArn: arns.oidcProvider });
  return explain({ ...request, origin }, input.trust);
}
