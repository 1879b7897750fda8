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
