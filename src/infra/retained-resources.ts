import { type CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { UserError } from '../errors.js';
import { currentTemplate } from './deploy-stack.js';

/** A resource of a stack that outlives the stack's deletion. */
export interface RetainedResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  /** Name or ARN (the physical id). */
  readonly name: string;
  /** The template's DeletionPolicy. */
  readonly policy: string;
}

export interface StackContents {
  /** Resources the deletion keeps (their DeletionPolicy). */
  readonly retained: readonly RetainedResource[];
  /** Physical ids of the stack's IAM roles (they go with the stack). */
  readonly roleNames: readonly string[];
  /** Logical ids whose deletion failed earlier (a stack in DELETE_FAILED), with CloudFormation's reason. */
  readonly failed: readonly {
    readonly logicalId: string;
    readonly type: string;
    readonly name: string;
    readonly reason: string;
  }[];
}

// DeletionPolicy attribute (CloudFormation Template Reference): Retain keeps the resource when its stack is deleted;
// RetainExceptOnCreate "behaves like Retain for stack operations, except for the stack operation that initially
// created the resource" (a rolled-back creation). Without the attribute CloudFormation deletes the resource.
const KEEPING = new Set(['Retain', 'RetainExceptOnCreate']);

/** What must outlive `down` unless asked (--purge): images, logs, and the provider other roles may trust. */
const MUST_KEEP: Record<string, string> = {
  'AWS::ECR::Repository': 'ECR repository',
  'AWS::Logs::LogGroup': 'log group',
  'AWS::IAM::OIDCProvider': 'GitHub OIDC provider',
};

/**
 * Reads what deleting the stack keeps, from its deployed template's DeletionPolicy attributes. DeleteStack's
 * RetainResources only applies to a stack in DELETE_FAILED (DeleteStack, CloudFormation API Reference), so for any
 * other stack the template is what keeps a resource: a repository, log group or provider the deployed template would
 * let CloudFormation delete (a stack from an older hatoba) stops `down` until `hatoba up` has set the policy.
 */
export async function readStackContents(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<StackContents> {
  const { StackResources = [] } = await cloudformation.send(
    new DescribeStackResourcesCommand({ StackName: stackName }),
  );
  // A resource a rollback or an earlier deletion already removed is not there to keep.
  const present = StackResources.filter(
    (resource) => resource.PhysicalResourceId !== undefined && resource.ResourceStatus !== 'DELETE_COMPLETE',
  );
  if (present.length === 0) return { retained: [], roleNames: [], failed: [] };
  const template = await currentTemplate(cloudformation, stackName);
  const definitions = template.Resources as Record<string, { DeletionPolicy?: string } | undefined>;
  const retained: RetainedResource[] = [];
  for (const resource of present) {
    const logicalId = resource.LogicalResourceId ?? '';
    const type = resource.ResourceType ?? '';
    const policy = definitions[logicalId]?.DeletionPolicy ?? 'Delete';
    const entry = { stackName, logicalId, type, name: resource.PhysicalResourceId ?? '', policy };
    if (KEEPING.has(policy)) retained.push(entry);
    else if (type in MUST_KEEP) {
      throw new UserError(
        `Deleting ${stackName} would delete the ${MUST_KEEP[type]} ${entry.name}: its deployed template has no DeletionPolicy Retain (it comes from an older hatoba)`,
        'Run hatoba up first (its templates retain the repository, the log group and the OIDC provider), then hatoba down again.',
      );
    }
  }
  return {
    retained,
    roleNames: present.filter((r) => r.ResourceType === 'AWS::IAM::Role').map((r) => r.PhysicalResourceId ?? ''),
    failed: present
      .filter((r) => r.ResourceStatus === 'DELETE_FAILED')
      .map((r) => ({
        logicalId: r.LogicalResourceId ?? '',
        type: r.ResourceType ?? '',
        name: r.PhysicalResourceId ?? '',
        reason: r.ResourceStatusReason ?? 'its deletion failed',
      })),
  };
}
