import { AWS_LIMITS } from '../config/aws-limits.js';
import { UserError } from '../errors.js';
import type { PolicyDocumentJson } from '../iam/policy.js';

/** The part of a synthesis the limits apply to. */
export interface LimitedOutput {
  readonly pipeline: { readonly stackName: string; readonly body: string };
  readonly service: { readonly stackName: string; readonly body: string };
  readonly trustPolicy: PolicyDocumentJson;
  readonly permissionsPolicy: PolicyDocumentJson;
  /**
   * Whether hatoba creates the deploy role. A role `github.roleArn` names is the user's: its policies are put by hand
   * (`hatoba policy`), under whatever quotas that account has, so they are not held to the defaults here.
   */
  readonly createsDeployRole: boolean;
}

/** IAM counts characters without white space outside strings; minified JSON is exactly that. */
export function policyCharacters(policy: PolicyDocumentJson): number {
  return JSON.stringify(policy).length;
}

export function checkAwsLimits(output: LimitedOutput): void {
  const over = (what: string, size: string, limit: string, keys: string, how: string) =>
    new UserError(`${what} is ${size}, over ${limit}; AWS would reject it`, `Shrink ${keys} in hatoba.yml: ${how}`);
  for (const [stack, keys] of [
    [output.pipeline, 'github.branches, github.tags or ecr'],
    [output.service, 'ecs.container.environment or ecs.container.secrets'],
  ] as const) {
    const bytes = Buffer.byteLength(stack.body, 'utf8');
    if (bytes > AWS_LIMITS.templateBodyBytes) {
      throw over(
        `The ${stack.stackName} template`,
        `${bytes.toLocaleString('en')} bytes`,
        `CloudFormation's inline template limit (${AWS_LIMITS.templateBodyBytes.toLocaleString('en')} bytes)`,
        keys,
        'large or many environment values belong in Secrets Manager or SSM Parameter Store (ecs.container.secrets).',
      );
    }
  }
  if (!output.createsDeployRole) return;
  const trust = policyCharacters(output.trustPolicy);
  if (trust > AWS_LIMITS.trustPolicyCharacters) {
    throw over(
      'The deploy role trust policy',
      `${trust.toLocaleString('en')} characters`,
      `IAM's default role trust policy length (${AWS_LIMITS.trustPolicyCharacters.toLocaleString('en')} characters)`,
      'github.branches and github.tags',
      'use patterns (release/*) or fewer refs, or a GitHub environment (github.environment) instead of branches. ' +
        'The quota "Role trust policy length" can also be raised in Service Quotas.',
    );
  }
  const permissions = policyCharacters(output.permissionsPolicy);
  if (permissions > AWS_LIMITS.roleInlinePolicyCharacters) {
    throw over(
      'The deploy role permission policy',
      `${permissions.toLocaleString('en')} characters`,
      `IAM's role inline policy size (${AWS_LIMITS.roleInlinePolicyCharacters.toLocaleString('en')} characters)`,
      'app and the ecr/ecs names',
      'shorter names (the policy repeats them in every ARN).',
    );
  }
}
