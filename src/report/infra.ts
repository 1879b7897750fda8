import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { AdoptionPlan } from '../infra/adopt.js';
import type { ChangeSummary } from '../infra/change-set.js';
import type { StackFailure } from '../infra/deploy-stack.js';
import { type ConflictReport, conflictLine } from '../infra/existing-resources.js';
import type { Style } from './output.js';
import type { Progress } from './progress.js';

const ACTION_MARK: Record<string, string> = { Add: '+', Modify: '~', Remove: '-', Import: '>', Dynamic: '?' };

/** `  + Add     AWS::ECS::Cluster   WebCluster20B6B362` (and `replacement: True` when a resource is replaced). */
export function formatChange(change: ChangeSummary): string {
  const mark = ACTION_MARK[change.action] ?? '?';
  const replacement =
    change.replacement === undefined || change.replacement === 'False' ? '' : `  (replacement: ${change.replacement})`;
  return `  ${mark} ${change.action.padEnd(6)}  ${change.type.padEnd(42)}  ${change.logicalId}${replacement}`;
}

/** `12:03:04  CREATE_COMPLETE      AWS::ECS::Cluster   WebCluster20B6B362  reason` (UTC, from CloudFormation). */
export function formatStackEvent(event: StackEvent, style: Style): string {
  const time = event.Timestamp?.toISOString().slice(11, 19) ?? '--:--:--';
  const status = event.ResourceStatus ?? '';
  const paint = status.endsWith('_FAILED') ? style.bad : status.endsWith('_COMPLETE') ? style.ok : style.dim;
  const reason = event.ResourceStatusReason === undefined ? '' : `  ${style.dim(event.ResourceStatusReason)}`;
  return `  ${time}  ${paint(status.padEnd(28))}  ${(event.ResourceType ?? '').padEnd(42)}  ${event.LogicalResourceId ?? ''}${reason}`;
}

export function formatFailure(failure: StackFailure): string {
  const where =
    failure.logicalId === undefined
      ? ''
      : `${failure.logicalId}${failure.resourceType ? ` (${failure.resourceType})` : ''}: `;
  return `${where}${failure.reason}`;
}

/**
 * `up` as it runs: each step and stack event as a permanent line, as before; on a terminal also a live line with
 * the step's seconds ticking, then `waiting for STACK: N resources done` while a stack operation runs.
 */
export function stackProgress(progress: Progress, style: Style) {
  const done = new Map<string, Set<string>>();
  return {
    onStep: (message: string) => {
      const warning = message.startsWith('warning:');
      progress.line(warning ? style.warn(message) : message);
      if (progress.live && !warning) progress.status(message);
    },
    onEvent: (stackName: string, event: StackEvent) => {
      progress.line(formatStackEvent(event, style));
      if (!progress.live) return;
      const resources = done.get(stackName) ?? new Set<string>();
      done.set(stackName, resources);
      const resource = event.ResourceType !== 'AWS::CloudFormation::Stack';
      if (resource && event.LogicalResourceId && event.ResourceStatus?.endsWith('_COMPLETE')) {
        resources.add(event.LogicalResourceId);
      }
      progress.status(`waiting for ${stackName}`, `${resources.size} resource${resources.size === 1 ? '' : 's'} done`);
    },
  };
}

/** For `diff`: what exists already outside the stacks, and what `up --adopt` would do about it. */
export function formatConflicts(conflicts: readonly ConflictReport[], adoption: AdoptionPlan | null): string[] {
  if (conflicts.length === 0) return [];
  const lines = [
    'Already exist outside the stacks (hatoba up stops on them; hatoba up --adopt would import them):',
    ...conflicts.map((c) => `  ${conflictLine(c)}`),
  ];
  if (adoption === null) return lines;
  if (adoption.blockers.length > 0) {
    return [...lines, 'hatoba up --adopt would refuse:', ...adoption.blockers.map((b) => `  ${b}`)];
  }
  return [...lines, ...formatAdoption(adoption)];
}

/** What `up --adopt` imports, and what the update after the import changes on those resources. */
export function formatAdoption(adoption: AdoptionPlan): string[] {
  const lines = ['Adopting existing resources (CloudFormation resource import, then the usual update):'];
  for (const resource of adoption.imports) {
    lines.push(
      `  > Import  ${resource.type.padEnd(22)}  ${resource.name}  into ${resource.stackName} as ${resource.logicalId}`,
    );
  }
  if (adoption.changes.length === 0) {
    lines.push('  The update after the import changes none of the compared properties.');
  } else {
    lines.push('  The update after the import changes:');
    for (const change of adoption.changes) {
      lines.push(`    ${change.name} ${change.property}: ${change.from} → ${change.to}`);
    }
  }
  return lines;
}
