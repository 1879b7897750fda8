import { type CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import type { Clock } from '../clock.js';
import type { HatobaConfig } from '../config/resolve.js';
import { UserError } from '../errors.js';
import { type AdoptionPlan, adoptionOf } from './adopt.js';
import { type ChangeSummary, deleteChangeSet, prepareChangeSet, summarizeChanges } from './change-set.js';
import { type ConflictReport, conflictReport } from './existing-resources.js';
import { type PlanClients, type PlanOptions, planDeployment, type StackPlan } from './plan.js';
import type { OidcProviderPlan } from './preflight.js';
import { awaitsCreation, isBusy } from './stack-state.js';
import type { Template } from './synth.js';

export interface StackDiff {
  readonly stackName: string;
  /** create: no stack yet; recreate: its first creation failed, so `up` deletes and creates it; update. */
  readonly operation: 'create' | 'recreate' | 'update';
  readonly changes: readonly ChangeSummary[];
  readonly parameters: Readonly<Record<string, string>>;
}

export interface DiffReport {
  readonly account: string;
  readonly region: string;
  /** With `environments`, when the account's pipeline stack is in another Region than the environment. */
  readonly pipelineRegion?: string;
  readonly oidcProvider: Pick<OidcProviderPlan, 'arn' | 'action'>;
  readonly stacks: readonly StackDiff[];
  /** Resources the stacks would create that exist already, outside them: `up` stops on them. */
  readonly conflicts: readonly ConflictReport[];
  /** What `up --adopt` would import (and what blocks it); null without conflicts. */
  readonly adoption: AdoptionPlan | null;
  readonly warnings: readonly string[];
}

export interface DiffOptions extends PlanOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
}

/**
 * What `up` would change, from CloudFormation itself: a change set per stack, described and then deleted. Nothing is
 * executed; a stack that did not exist is removed again (a CREATE change set leaves an empty REVIEW_IN_PROGRESS stack).
 */
export async function diff(clients: PlanClients, config: HatobaConfig, options: DiffOptions): Promise<DiffReport> {
  const pipelineClients = options.pipelineClients ?? clients;
  const plan = await planDeployment(clients, config, {
    environments: options.environments ?? [],
    pipelineClients,
  });
  const templates = [plan.synthesis.pipeline.template, plan.synthesis.service.template];
  const cloudformation = [pipelineClients.cloudformation, clients.cloudformation];
  const stacks: StackDiff[] = [];
  for (const [i, stack] of plan.stacks.entries()) {
    stacks.push(await diffStack(cloudformation[i] ?? clients.cloudformation, stack, templates[i] as Template, options));
  }
  return {
    account: plan.account,
    region: plan.region,
    ...(plan.pipelineRegion === plan.region ? {} : { pipelineRegion: plan.pipelineRegion }),
    oidcProvider: { arn: plan.oidcProvider.arn, action: plan.oidcProvider.action },
    stacks,
    conflicts: plan.conflicts.map(conflictReport),
    adoption: adoptionOf(plan),
    warnings: plan.warnings,
  };
}

async function diffStack(
  cloudformation: CloudFormationClient,
  stack: StackPlan,
  template: Template,
  options: DiffOptions,
): Promise<StackDiff> {
  const status = stack.existing?.StackStatus;
  const base = { stackName: stack.stackName, parameters: stack.parameters };
  if (status === 'ROLLBACK_COMPLETE') {
    // CloudFormation accepts no change set for it; up deletes it and creates every resource again.
    return { ...base, operation: 'recreate', changes: additions(template) };
  }
  if (isBusy(status)) {
    throw new UserError(`Stack ${stack.stackName} is busy (${status})`, 'Run hatoba diff again once it has finished.');
  }
  const create = awaitsCreation(stack.existing);
  try {
    const changeSet = await prepareChangeSet(
      cloudformation,
      {
        stackName: stack.stackName,
        type: create ? 'CREATE' : 'UPDATE',
        templateBody: stack.templateBody,
        parameters: stack.parameters,
        description: 'hatoba diff (never executed)',
      },
      options,
    );
    if (changeSet.hasChanges) await deleteChangeSet(cloudformation, changeSet.id);
    return { ...base, operation: create ? 'create' : 'update', changes: summarizeChanges(changeSet.changes) };
  } finally {
    // Even when CloudFormation rejected the change set: leave no empty stack behind.
    if (stack.existing === undefined) {
      await cloudformation.send(new DeleteStackCommand({ StackName: stack.stackName }));
    }
  }
}

function additions(template: Template): ChangeSummary[] {
  return Object.entries(template.Resources).map(([logicalId, resource]) => ({
    action: 'Add',
    logicalId,
    type: resource.Type,
  }));
}
