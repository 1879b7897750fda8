import { UserError } from '../errors.js';
import type { PolicyDocumentJson } from '../iam/policy.js';

/**
 * Sizes AWS refuses, checked before anything is written or sent so `synth` never prints ✓ for output `up` cannot
 * deploy. Each limit names the hatoba.yml keys that make the document grow.
 */
export const AWS_LIMITS = {
  /** CreateChangeSet (CloudFormation API Reference): "TemplateBody … maximum length of 51,200 bytes". */
  templateBodyBytes: 51_200,
  /**
   * IAM and AWS STS quotas: "Role trust policy length", 2,048 characters by default (adjustable in Service Quotas).
   * IAM does not count white space.
   */
  trustPolicyCharacters: 2_048,
  /** IAM and AWS STS quotas: "Role policy size cannot exceed 10,240 characters" (all inline policies of a role). */
  roleInlinePolicyCharacters: 10_240,
  /**
   * Amazon ECS service quotas (ECS Developer Guide): "Task definition size", 64 KiB, not adjustable. Over it,
   * RegisterTaskDefinition fails with ClientException "Actual length: 'N'. Max allowed length is '65536' bytes."
   */
  taskDefinitionBytes: 65_536,
} as const;

/**
 * Room kept for the parts of the task definition other than the container's variables (names, ARNs, image, log
 * settings); the render tests check a task definition with the longest names AWS allows fits in it.
 */
export const TASK_DEFINITION_RESERVE_BYTES = 4_096;

/** Bytes `ecs.container.environment` and `ecs.container.secrets` add to the task definition, written as ECS takes them. */
export function containerVariablesBytes(
  environment: Readonly<Record<string, string>>,
  secrets: Readonly<Record<string, string>>,
): number {
  const environmentList = Object.entries(environment).map(([name, value]) => ({ name, value }));
  const secretList = Object.entries(secrets).map(([name, valueFrom]) => ({ name, valueFrom }));
  return Buffer.byteLength(JSON.stringify({ environment: environmentList, secrets: secretList }), 'utf8');
}

/** The part of a synthesis the limits apply to. */
export interface LimitedOutput {
  readonly pipeline: { readonly stackName: string; readonly body: string };
  readonly service: { readonly stackName: string; readonly body: string };
  readonly trustPolicy: PolicyDocumentJson;
  readonly permissionsPolicy: PolicyDocumentJson;
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
