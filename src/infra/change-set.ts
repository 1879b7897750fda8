import {
  type Change,
  type ChangeSetType,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type Parameter,
  type ResourceToImport,
} from '@aws-sdk/client-cloudformation';
import type { Clock } from '../clock.js';
import { CheckFailed } from '../errors.js';

export interface ChangeSetRequest {
  readonly stackName: string;
  readonly type: ChangeSetType;
  readonly templateBody: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly description: string;
  /** IMPORT only: the existing resources to bring under the stack. */
  readonly resourcesToImport?: readonly ResourceToImport[];
  /** Parameters that keep the stack's current values (UsePreviousValue). */
  readonly previousParameters?: readonly string[];
}

export interface PreparedChangeSet {
  readonly id: string;
  readonly stackName: string;
  /** False when the template and parameters match the deployed stack (CloudFormation refuses such a change set). */
  readonly hasChanges: boolean;
  readonly changes: readonly Change[];
}

export interface ChangeSetOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
  /** Poll interval while CloudFormation computes the change set. @default 2000 */
  readonly pollMs?: number;
  /** Give up after this long. @default 10 minutes */
  readonly timeoutMs?: number;
}

// CloudFormation's two wordings for "nothing to do" (the second one for some UPDATE change sets).
const NO_CHANGES = /didn't contain changes|No updates are to be performed/;

/**
 * Creates a change set and waits until CloudFormation has computed it. A change set that would change nothing is
 * deleted at once and reported with `hasChanges: false`; any other failure to create one throws with its reason.
 */
export async function prepareChangeSet(
  cloudformation: CloudFormationClient,
  request: ChangeSetRequest,
  options: ChangeSetOptions,
): Promise<PreparedChangeSet> {
  const created = await cloudformation.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: `hatoba-${options.clock.now()}`,
      ChangeSetType: request.type,
      TemplateBody: request.templateBody,
      Parameters: [
        ...Object.entries(request.parameters).map(
          ([ParameterKey, ParameterValue]): Parameter => ({ ParameterKey, ParameterValue }),
        ),
        ...(request.previousParameters ?? []).map(
          (ParameterKey): Parameter => ({ ParameterKey, UsePreviousValue: true }),
        ),
      ],
      ...(request.resourcesToImport === undefined ? {} : { ResourcesToImport: [...request.resourcesToImport] }),
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Description: request.description,
    }),
  );
  const id = created.Id ?? '';
  const deadline = options.clock.now() + (options.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const described = await cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
    if (described.Status === 'CREATE_COMPLETE') {
      const changes = [...(described.Changes ?? []), ...(await remainingChanges(cloudformation, id, described))];
      return { id, stackName: request.stackName, hasChanges: true, changes };
    }
    if (described.Status === 'FAILED') {
      if (NO_CHANGES.test(described.StatusReason ?? '')) {
        await deleteChangeSet(cloudformation, id);
        return { id, stackName: request.stackName, hasChanges: false, changes: [] };
      }
      throw new CheckFailed(
        `CloudFormation rejected the change set for ${request.stackName}: ${described.StatusReason ?? 'no reason given'}`,
      );
    }
    if (options.clock.now() >= deadline) {
      throw new CheckFailed(
        `The change set for ${request.stackName} was not ready in time (status ${described.Status})`,
      );
    }
    await options.clock.sleep(options.pollMs ?? 2000, options.signal);
  }
}

async function remainingChanges(
  cloudformation: CloudFormationClient,
  id: string,
  first: { NextToken?: string | undefined },
): Promise<Change[]> {
  const changes: Change[] = [];
  for (let token = first.NextToken; token !== undefined; ) {
    const page = await cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: id, NextToken: token }));
    changes.push(...(page.Changes ?? []));
    token = page.NextToken;
  }
  return changes;
}

export async function deleteChangeSet(cloudformation: CloudFormationClient, id: string): Promise<void> {
  await cloudformation.send(new DeleteChangeSetCommand({ ChangeSetName: id }));
}

/** One line per resource change, e.g. `Modify AWS::ECS::Service WebService… (replacement: False)`. */
export interface ChangeSummary {
  readonly action: string;
  readonly logicalId: string;
  readonly type: string;
  readonly replacement?: string;
}

export function summarizeChanges(changes: readonly Change[]): ChangeSummary[] {
  return changes.flatMap(({ ResourceChange: change }) => {
    if (change === undefined) return [];
    return [
      {
        action: change.Action ?? 'Unknown',
        logicalId: change.LogicalResourceId ?? '',
        type: change.ResourceType ?? '',
        ...(change.Replacement === undefined ? {} : { replacement: change.Replacement }),
      },
    ];
  });
}
