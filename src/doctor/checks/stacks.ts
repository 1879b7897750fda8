import type { Stack } from '@aws-sdk/client-cloudformation';
import { message } from '../../i18n/message.js';
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
    return warn(id, message('stacks.missing', { name }), message('stacks.missing.fix'));
  }
  const status = stack.StackStatus ?? 'UNKNOWN';
  const drift = stack.DriftInformation?.StackDriftStatus ?? 'NOT_CHECKED';
  const checked = stack.DriftInformation?.LastCheckTimestamp;
  const driftText =
    drift === 'NOT_CHECKED' || checked === undefined
      ? message('stacks.drift-never')
      : message('stacks.drift', { drift, checked: checked.toISOString() });
  if (!isSuccessful(status)) {
    if (isInProgress(status)) {
      return warn(id, message('stacks.in-progress', { name, status }), message('stacks.in-progress.fix'));
    }
    // CloudFormation's own reason, verbatim in every language.
    const reason = stack.StackStatusReason;
    return fail(
      id,
      reason ? message('stacks.failed.reason', { name, status, reason }) : message('stacks.failed', { name, status }),
      message('stacks.failed.fix', { name }),
    );
  }
  if (drift === 'DRIFTED') {
    return warn(
      id,
      message('stacks.drifted', { name, status, drift: driftText }),
      message('stacks.drifted.fix', { name }),
    );
  }
  return ok(id, message('stacks', { name, status, drift: driftText }));
}
