import { defaultAudience, partitionOf } from '../../config/regions.js';
import { evaluateCondition } from '../../iam/conditions.js';
import { evaluatePolicy } from '../../iam/evaluate.js';
import type { ConditionEntry } from '../../iam/policy.js';
import { GITHUB_OIDC_HOST, GITHUB_OIDC_ISSUER } from '../../naming.js';
import { claimsContext, conditionKey, type GitHubClaims } from '../../oidc/claims.js';
import type { TrustTarget } from './rule.js';
import type { Step } from './workflow.js';

const AUDIENCE_KEY = conditionKey(GITHUB_OIDC_ISSUER, 'aud');

/** The GitHub OIDC provider the policy names (`arn:…:oidc-provider/token.actions.githubusercontent.com`). */
function githubProvider(target: TrustTarget): string | undefined {
  for (const statement of target.policy.statements) {
    const federated = statement.principal?.kind === 'map' ? (statement.principal.values.Federated ?? []) : [];
    const provider = federated.find((arn) => arn.endsWith(`:oidc-provider/${GITHUB_OIDC_HOST}`));
    if (provider) return provider;
  }
  return undefined;
}

/** Whether the role would let a token with these claims in (the IAM evaluator decides; nothing is re-implemented). */
export function trustAllows(target: TrustTarget, claims: GitHubClaims): boolean {
  const provider = githubProvider(target);
  if (provider === undefined) return false;
  const evaluation = evaluatePolicy(target.policy, {
    principal: { type: 'Federated', id: provider },
    action: 'sts:AssumeRoleWithWebIdentity',
    context: claimsContext(claims),
  });
  return evaluation.verdict === 'allowed';
}

/** `aud` conditions of the Allow statements for GitHub's provider, one list per statement. */
function audienceConditions(target: TrustTarget): ConditionEntry[][] {
  const provider = githubProvider(target);
  return target.policy.statements
    .filter(
      (s) =>
        s.effect === 'Allow' && s.principal?.kind === 'map' && s.principal.values.Federated?.includes(provider ?? ''),
    )
    .map((s) => s.conditions.filter((c) => c.key.toLowerCase() === AUDIENCE_KEY));
}

/** Whether some statement's `aud` conditions accept this audience (a statement without any accepts all). */
export function audienceAccepted(target: TrustTarget, audience: string): boolean {
  const context = { [AUDIENCE_KEY]: audience };
  return audienceConditions(target).some((entries) =>
    entries.every((entry) => evaluateCondition(entry, context).passed),
  );
}

/** The audiences the policy names, for messages and for checking subjects independently of the audience. */
export function trustedAudiences(target: TrustTarget): string[] {
  return [...new Set(audienceConditions(target).flatMap((entries) => entries.flatMap((entry) => entry.values)))];
}

/** What configure-aws-credentials requests: its `audience` input, else the partition's STS audience. */
export function stepAudience(step: Step): string {
  const audience = step.with.audience;
  if (typeof audience === 'string' && audience !== '') return audience;
  const region = step.with['aws-region'];
  return defaultAudience((typeof region === 'string' ? partitionOf(region) : undefined) ?? 'aws');
}

/** Whether a step assumes the role this policy belongs to: any value but a literal ARN of a different role. */
export function assumesTargetRole(target: TrustTarget, step: Step): boolean {
  const role = step.with['role-to-assume'];
  if (typeof role !== 'string' || target.roleArn === undefined || !role.trim().startsWith('arn:')) return true;
  return role.trim() === target.roleArn;
}
