import type { Stack } from '@aws-sdk/client-cloudformation';
import { describeStack, isInProgress, isSuccessful } from '../../infra/stack-state.js';
import { resourceNames } from '../../naming.js';
import { type CheckResult, type DoctorCheck, fail, ok, warn } from '../check.js';

/**
 * The two stacks `hatoba up` deploys: their status, and drift as CloudFormation last recorded it (DescribeStacks'
 * DriftInformation: StackDriftStatus DRIFTED | IN_SYNC | UNKNOWN | NOT_CHECKED, LastCheckTimestamp). Doctor never
 * starts a drift detection: that is an operation on the stack, not a read.
 */
export const stacks: DoctorCheck = {
  id: 'stacks',
  async run({ clients, config }) {
    const names = resourceNames(config);
    const read = async (kind: 'pipeline' | 'service', name: string) =>
      stackResult(`stacks.${kind}`, name, await describeStack(clients.cloudformation, name));
    return Promise.all([read('pipeline', names.pipelineStack), read('service', names.serviceStack)]);
  },
};

function stackResult(id: string, name: string, stack: Stack | undefined): CheckResult {
  if (stack === undefined) {
    return warn(
      id,
      `stack ${name} does not exist (fine when the resources were made by hand)`,
      'Run `hatoba up` to manage them with hatoba.',
    );
  }
  const status = stack.StackStatus ?? 'UNKNOWN';
  const drift = stack.DriftInformation?.StackDriftStatus ?? 'NOT_CHECKED';
  const checked = stack.DriftInformation?.LastCheckTimestamp;
  const driftText =
    drift === 'NOT_CHECKED' || checked === undefined
      ? 'drift never checked'
      : `drift ${drift} as of ${checked.toISOString()}`;
  if (!isSuccessful(status)) {
    if (isInProgress(status))
      return warn(id, `${name} is ${status}`, 'Wait for the operation to finish, then run doctor again.');
    return fail(
      id,
      `${name} is ${status}${stack.StackStatusReason ? `: ${stack.StackStatusReason}` : ''}`,
      `Read why with \`aws cloudformation describe-stack-events --stack-name ${name}\`, fix it, and run \`hatoba up\`.`,
    );
  }
  if (drift === 'DRIFTED') {
    return warn(
      id,
      `${name} is ${status}, but ${driftText}: resources were changed outside CloudFormation`,
      `See what changed: aws cloudformation describe-stack-resource-drifts --stack-name ${name}; then run \`hatoba up\` to put them back.`,
    );
  }
  return ok(id, `${name} is ${status}, ${driftText}`);
}
