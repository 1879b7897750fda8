import {
  type CloudFormationClient,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import type { Clock } from '../clock.js';
import { CheckFailed, UserError } from '../errors.js';
import { type ImportedResource, resourcesToImport } from './adopt.js';
import { type ChangeSummary, prepareChangeSet, summarizeChanges } from './change-set.js';
import type { StackPlan } from './plan.js';
import { firstFailure, StackEventReader } from './stack-events.js';
import { awaitsCreation, describeStack, isBusy, isInProgress, isSuccessful, stackOutputs } from './stack-state.js';

export interface StackFailure {
  readonly logicalId?: string;
  readonly resourceType?: string;
  readonly reason: string;
}

export interface StackResult {
  readonly stackName: string;
  readonly action: 'created' | 'updated' | 'unchanged' | 'failed';
  /** CloudFormation's final stack status. */
  readonly status: string;
  readonly changes: readonly ChangeSummary[];
  readonly outputs: Readonly<Record<string, string>>;
  readonly failure?: StackFailure;
}

export interface DeployStackOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
  /** Progress lines (what hatoba is doing). */
  readonly onStep?: (message: string) => void;
  /** Each new stack event, oldest first, as it happens. */
  readonly onEvent?: (event: StackEvent) => void;
  /** @default 5000 */
  readonly pollMs?: number;
  /** @default 60 minutes */
  readonly timeoutMs?: number;
  /** The command to run again when waiting times out. @default 'up' */
  readonly command?: string;
}

/** Statuses after which CloudFormation accepts no update; the stack must be repaired first. */
const STUCK = new Set(['ROLLBACK_FAILED', 'DELETE_FAILED', 'UPDATE_ROLLBACK_FAILED', 'UPDATE_FAILED', 'CREATE_FAILED']);

/**
 * Creates or updates one stack through a change set and follows it to the end. A stack whose first creation failed
 * (ROLLBACK_COMPLETE) can only be deleted, so it is deleted and created again; that is what makes `up` safe to re-run.
 */
export async function deployStack(
  cloudformation: CloudFormationClient,
  plan: StackPlan,
  options: DeployStackOptions,
): Promise<StackResult> {
  const { stackName } = plan;
  let existing = plan.existing;
  if (existing?.StackStatus !== undefined) {
    const status = existing.StackStatus;
    if (isBusy(status)) {
      throw new UserError(
        `Stack ${stackName} is busy (${status})`,
        'Wait until its current operation ends (CloudFormation console), then run hatoba up again.',
      );
    }
    if (STUCK.has(status)) {
      throw new UserError(
        `Stack ${stackName} is ${status} and cannot be updated`,
        status === 'UPDATE_ROLLBACK_FAILED'
          ? `Fix the resource named in its events, then: aws cloudformation continue-update-rollback --stack-name ${stackName}`
          : `Inspect its events in the CloudFormation console, then delete it: aws cloudformation delete-stack --stack-name ${stackName}`,
      );
    }
    if (status === 'ROLLBACK_COMPLETE') {
      options.onStep?.(`${stackName}: its first creation failed earlier; deleting it to create it again`);
      const deleted = await deleteAndWait(cloudformation, stackName, options);
      if (deleted !== undefined) return deleted;
      existing = undefined;
    }
  }

  const imported: ChangeSummary[] = [];
  if (plan.imports !== undefined && plan.imports.length > 0) {
    const outcome = await importResources(cloudformation, stackName, existing, plan.imports, options);
    imported.push(...outcome.changes);
    if (outcome.failure !== undefined) {
      const { status, failure } = outcome;
      return { stackName, action: 'failed', status, changes: imported, outputs: {}, failure };
    }
    existing = outcome.stack;
  }

  const create = awaitsCreation(existing);
  options.onStep?.(`${stackName}: preparing a change set (${create ? 'create' : 'update'})`);
  const changeSet = await prepareChangeSet(
    cloudformation,
    {
      stackName,
      type: create ? 'CREATE' : 'UPDATE',
      templateBody: plan.templateBody,
      parameters: plan.parameters,
      description: plan.description,
    },
    { clock: options.clock, signal: options.signal },
  );
  if (!changeSet.hasChanges) {
    options.onStep?.(`${stackName}: no changes`);
    return {
      stackName,
      action: imported.length > 0 ? 'updated' : 'unchanged',
      status: existing?.StackStatus ?? 'UNKNOWN',
      changes: imported,
      outputs: stackOutputs(existing),
    };
  }

  const applied = summarizeChanges(changeSet.changes);
  const changes = [...imported, ...applied];
  options.onStep?.(`${stackName}: applying ${applied.length} change${applied.length === 1 ? '' : 's'}`);
  const events = new StackEventReader(cloudformation, stackName);
  await events.skipExisting();
  await cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.id }));
  const outcome = await followStack(cloudformation, stackName, events, options);
  if (outcome.failure !== undefined) {
    return { stackName, action: 'failed', status: outcome.status, changes, outputs: {}, failure: outcome.failure };
  }
  return {
    stackName,
    action: create ? 'created' : 'updated',
    status: outcome.status,
    changes,
    outputs: stackOutputs(outcome.stack),
  };
}

/**
 * Brings existing resources under the stack with a resource import change set (creating the stack when there is
 * none). Import an existing resource into a stack (CloudFormation User Guide): the template describes the entire stack
 * — its current resources, unchanged, plus the imported ones — because an import operation cannot create, update or
 * delete anything else ("As part of the import operation, you cannot modify or add [Outputs]"); the rest of the
 * template is applied by the normal change set that follows.
 */
async function importResources(
  cloudformation: CloudFormationClient,
  stackName: string,
  existing: Stack | undefined,
  imports: readonly ImportedResource[],
  options: DeployStackOptions,
): Promise<{ stack?: Stack | undefined; status: string; changes: ChangeSummary[]; failure?: StackFailure }> {
  const current = awaitsCreation(existing) ? { Resources: {} } : await currentTemplate(cloudformation, stackName);
  const template = {
    ...current,
    Resources: {
      ...current.Resources,
      ...Object.fromEntries(imports.map((resource) => [resource.logicalId, resource.definition])),
    },
  };
  options.onStep?.(`${stackName}: preparing a change set (import ${imports.map((r) => r.name).join(', ')})`);
  const changeSet = await prepareChangeSet(
    cloudformation,
    {
      stackName,
      type: 'IMPORT',
      templateBody: JSON.stringify(template),
      parameters: {},
      previousParameters: Object.keys(current.Parameters ?? {}),
      description: `hatoba: import ${imports.map((r) => r.name).join(', ')}`,
      resourcesToImport: resourcesToImport(imports),
    },
    { clock: options.clock, signal: options.signal },
  );
  const changes = summarizeChanges(changeSet.changes);
  options.onStep?.(`${stackName}: importing ${changes.length} resource${changes.length === 1 ? '' : 's'}`);
  const events = new StackEventReader(cloudformation, stackName);
  await events.skipExisting();
  await cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.id }));
  const outcome = await followStack(cloudformation, stackName, events, options);
  return { ...outcome, changes };
}

/** The stack's deployed template as submitted (JSON: hatoba submits JSON). */
export async function currentTemplate(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<{ Resources: Record<string, unknown>; Parameters?: Record<string, unknown>; [key: string]: unknown }> {
  const { TemplateBody } = await cloudformation.send(
    new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }),
  );
  return JSON.parse(TemplateBody ?? '{"Resources":{}}');
}

async function deleteAndWait(
  cloudformation: CloudFormationClient,
  stackName: string,
  options: DeployStackOptions,
): Promise<StackResult | undefined> {
  const events = new StackEventReader(cloudformation, stackName);
  await events.skipExisting();
  await cloudformation.send(new DeleteStackCommand({ StackName: stackName }));
  const outcome = await followStack(cloudformation, stackName, events, options);
  if (outcome.failure === undefined) return undefined;
  return { stackName, action: 'failed', status: outcome.status, changes: [], outputs: {}, failure: outcome.failure };
}

/**
 * Polls events and status until the operation ends; returns the final stack and, when it failed, why. `up` and `down`
 * follow their stack operations through here.
 */
export async function followStack(
  cloudformation: CloudFormationClient,
  stackName: string,
  reader: StackEventReader,
  options: DeployStackOptions,
) {
  const seen: StackEvent[] = [];
  const deadline = options.clock.now() + (options.timeoutMs ?? 60 * 60_000);
  const drain = async () => {
    for (const event of await reader.read()) {
      seen.push(event);
      options.onEvent?.(event);
    }
  };
  for (;;) {
    await options.clock.sleep(options.pollMs ?? 5000, options.signal);
    await drain();
    const stack = await describeStack(cloudformation, stackName);
    // A deleted stack is no longer found by name.
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    if (!isInProgress(status)) {
      await drain();
      if (isSuccessful(status)) return { stack, status };
      const failed = firstFailure(seen);
      const reason = failed?.ResourceStatusReason ?? stack?.StackStatusReason ?? `the stack ended in ${status}`;
      const failure: StackFailure = {
        reason,
        ...(failed?.LogicalResourceId === undefined ? {} : { logicalId: failed.LogicalResourceId }),
        ...(failed?.ResourceType === undefined ? {} : { resourceType: failed.ResourceType }),
      };
      return { stack, status, failure };
    }
    if (options.clock.now() >= deadline) {
      throw new CheckFailed(
        `${stackName} is still ${status}; stopped waiting (the operation continues in CloudFormation). ` +
          `Run hatoba ${options.command ?? 'up'} again once it has finished.`,
      );
    }
  }
}
