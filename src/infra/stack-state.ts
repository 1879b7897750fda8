import {
  type CloudFormationClient,
  DescribeStacksCommand,
  type Stack,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';

/** The stack, or undefined when CloudFormation has none of that name (it reports that as a ValidationError). */
export async function describeStack(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    return Stacks?.[0];
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
}

export function isMissingStack(error: unknown): boolean {
  return error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message);
}

/** Outputs as a plain key → value map. */
export function stackOutputs(stack: Stack | undefined): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const { OutputKey, OutputValue } of stack?.Outputs ?? []) {
    if (OutputKey !== undefined && OutputValue !== undefined) outputs[OutputKey] = OutputValue;
  }
  return outputs;
}

export function isInProgress(status: StackStatus | string | undefined): boolean {
  return status?.endsWith('_IN_PROGRESS') ?? false;
}

/** Another operation runs on the stack (REVIEW_IN_PROGRESS only waits for its first change set). */
export function isBusy(status: StackStatus | string | undefined): boolean {
  return isInProgress(status) && status !== 'REVIEW_IN_PROGRESS';
}

/** Needs a CREATE change set: no stack yet, or the empty one an unexecuted CREATE change set leaves behind. */
export function awaitsCreation(stack: Stack | undefined): boolean {
  return stack === undefined || stack.StackStatus === 'REVIEW_IN_PROGRESS';
}

/** The operation finished as asked: created, updated, deleted or imported (not rolled back). */
export function isSuccessful(status: StackStatus | string | undefined): boolean {
  return (
    status === 'CREATE_COMPLETE' ||
    status === 'UPDATE_COMPLETE' ||
    status === 'DELETE_COMPLETE' ||
    status === 'IMPORT_COMPLETE'
  );
}
