import { deniedAction, translateAwsError } from '../aws/errors.js';
import { message } from '../i18n/message.js';
import { type CheckResult, type DoctorCheck, type DoctorInput, fail, warn } from './check.js';

/** IAM service prefix of each SDK client's service id (the send guard names failed calls "ECS DescribeServices"). */
const IAM_PREFIX: Readonly<Record<string, string>> = {
  STS: 'sts',
  IAM: 'iam',
  ECR: 'ecr',
  ECS: 'ecs',
  'CloudWatch Logs': 'logs',
  'Elastic Load Balancing v2': 'elasticloadbalancing',
  CloudFormation: 'cloudformation',
};

// "Common Errors": AccessDenied (query protocols: IAM, STS, CloudFormation, ELBv2), AccessDeniedException (JSON).
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

/**
 * Runs the checks concurrently; one that throws does not stop the others. Doctor's own read being denied is a
 * warning naming the action to allow; any other AWS failure is that check's failure with the translated message.
 */
export async function runChecks(checks: readonly DoctorCheck[], input: DoctorInput): Promise<CheckResult[]> {
  const results = await Promise.all(checks.map((check) => check.run(input).catch((error) => [failed(check, error)])));
  return results.flat();
}

function failed(check: DoctorCheck, error: unknown): CheckResult {
  const e = error as { name?: string; message?: string; awsOperation?: string };
  if (ACCESS_DENIED.has(e.name ?? '')) {
    const action = deniedAction(e.message ?? '')?.action ?? operationAction(e.awsOperation);
    return warn(
      check.id,
      action === undefined ? message('could-not-check.denied.unknown') : message('could-not-check.denied', { action }),
      action === undefined
        ? message('could-not-check.denied.fix.unknown')
        : message('could-not-check.denied.fix', { action }),
    );
  }
  const translated = translateAwsError(error);
  if (translated === undefined) throw error;
  return fail(
    check.id,
    message('could-not-check', { error: translated.message }),
    translated.hint ?? 'Run doctor again.',
  );
}

/** "ECS DescribeServices" → "ecs:DescribeServices". */
function operationAction(operation: string | undefined): string | undefined {
  const match = /^(.+) (\w+)$/.exec(operation ?? '');
  const prefix = match?.[1] === undefined ? undefined : IAM_PREFIX[match[1]];
  return prefix === undefined ? undefined : `${prefix}:${match?.[2]}`;
}
