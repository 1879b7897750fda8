import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  type DescribeStackEventsCommandOutput,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { isMissingStack } from './stack-state.js';

/**
 * Reads a stack's events and returns only the ones not seen before, oldest first. CloudFormation lists events newest
 * first, so reading stops at the first event already seen; ids seen before an operation started are never shown.
 */
export class StackEventReader {
  private readonly seen = new Set<string>();

  constructor(
    private readonly cloudformation: CloudFormationClient,
    private readonly stackName: string,
  ) {}

  /** Marks every current event as seen, so that later reads return only what the next operation causes. */
  async skipExisting(): Promise<void> {
    await this.read();
  }

  async read(): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let nextToken: string | undefined;
    do {
      let page: DescribeStackEventsCommandOutput;
      try {
        page = await this.cloudformation.send(
          new DescribeStackEventsCommand({ StackName: this.stackName, NextToken: nextToken }),
        );
      } catch (error) {
        // A deleted stack can no longer be read by name; its deletion has nothing more to tell.
        if (isMissingStack(error)) return this.remember(fresh);
        throw error;
      }
      for (const event of page.StackEvents ?? []) {
        if (event.EventId === undefined || this.seen.has(event.EventId)) return this.remember(fresh);
        fresh.push(event);
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return this.remember(fresh);
  }

  private remember(fresh: StackEvent[]): StackEvent[] {
    for (const event of fresh) if (event.EventId !== undefined) this.seen.add(event.EventId);
    return fresh.reverse();
  }
}

const CANCELLED = /cancelled|canceled/i;

/**
 * The event that explains a failed operation: the first resource that failed for a reason of its own. Resources
 * cancelled because another one failed, and the stack's summary ("The following resource(s) failed…"), come later.
 */
export function firstFailure(events: readonly StackEvent[]): StackEvent | undefined {
  const failed = events.filter((event) => event.ResourceStatus?.endsWith('_FAILED'));
  const resources = failed.filter((event) => event.ResourceType !== 'AWS::CloudFormation::Stack');
  return (
    resources.find((event) => !CANCELLED.test(event.ResourceStatusReason ?? '')) ??
    resources[0] ??
    failed.find((event) => event.ResourceStatusReason !== undefined)
  );
}
