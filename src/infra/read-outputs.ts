import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { HatobaConfig } from '../config/resolve.js';
import { resourceArns, resourceNames } from '../naming.js';
import { SERVICE_OUTPUTS, type ServiceOutputs } from './outputs.js';

/** Outputs every reader can rely on; the target group and URL exist only when the stack says so. */
export type KnownServiceOutputs = Omit<ServiceOutputs, 'targetGroupArn' | 'url'> &
  Partial<Pick<ServiceOutputs, 'targetGroupArn' | 'url'>>;

export interface ServiceStackOutputs {
  readonly outputs: KnownServiceOutputs;
  /** `stack`: every value came from the stack; `names`: some were derived from hatoba.yml (see `notes`). */
  readonly source: 'stack' | 'names';
  readonly notes: readonly string[];
}

/**
 * Reads the service stack's outputs (DescribeStacks). When the stack or an output is missing, the value hatoba.yml
 * implies (naming.ts) stands in and a note says so: a deploy against resources created by hand still works.
 */
export async function readServiceOutputs(
  cloudformation: CloudFormationClient,
  config: HatobaConfig,
): Promise<ServiceStackOutputs> {
  // Lazily: rehearse uses impliedServiceOutputs offline and should not load the CloudFormation SDK.
  const { describeStack, stackOutputs } = await import('./stack-state.js');
  const names = resourceNames(config);
  const fallback = impliedServiceOutputs(config);
  const stack = await describeStack(cloudformation, names.serviceStack);
  if (stack === undefined) {
    return {
      outputs: fallback,
      source: 'names',
      notes: [
        `stack ${names.serviceStack} not found; using the names hatoba.yml implies (run \`hatoba up\` to create it)`,
      ],
    };
  }
  const found = stackOutputs(stack);
  const outputs: Record<string, string> = { ...fallback };
  const missing: string[] = [];
  for (const [field, key] of Object.entries(SERVICE_OUTPUTS)) {
    const value = found[key];
    if (value !== undefined) outputs[field] = value;
    else if (field in fallback) missing.push(key);
  }
  return {
    outputs: outputs as KnownServiceOutputs,
    source: missing.length === 0 ? 'stack' : 'names',
    notes:
      missing.length === 0
        ? []
        : [`stack ${names.serviceStack} has no output ${missing.join(', ')}; using the names hatoba.yml implies`],
  };
}

/** The outputs hatoba.yml implies: what `hatoba up` names things (also what `rehearse` renders with, offline). */
export function impliedServiceOutputs(config: HatobaConfig): KnownServiceOutputs {
  const names = resourceNames(config);
  const arns = resourceArns(config);
  return {
    clusterName: names.cluster,
    serviceName: names.service,
    taskFamily: names.taskFamily,
    executionRoleArn: arns.executionRole,
    taskRoleArn: arns.taskRole,
    logGroupName: names.logGroupName,
  };
}
