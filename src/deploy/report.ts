import type { CauseMessages, CauseText } from '../causes/entry.js';
import { troubleshootingLink } from './cause.js';
import type { Outcome, WatchResult } from './watch.js';

/** The one document `deploy --json` / `rollback --json` print, and what src/report/deploy.ts renders for people and CI. */
export interface RolloutReport {
  readonly command: 'deploy' | 'rollback';
  /** `submitted`: --no-wait, the service was updated and not watched. */
  readonly outcome: Outcome | 'submitted';
  readonly summary: string;
  /** The summary as a catalogue message (src/report/ renders it in the reader's language; --json prints `message`). */
  readonly summaryMessage: CauseText;
  readonly cluster: string;
  readonly service: string;
  readonly image: string;
  readonly imageDigest: string | null;
  readonly taskDefinitionArn: string;
  readonly revision: number;
  /** `family:revision`. */
  readonly taskDefinition: string;
  readonly previousRevision: number | null;
  /** `family:revision` of what the PRIMARY deployment ran before (the bootstrap family before the first deploy). */
  readonly previousTaskDefinition: string | null;
  readonly deploymentId: string;
  readonly rolledBackTo: { readonly revision: number | string; readonly taskDefinitionArn: string } | null;
  readonly durationSeconds: number;
  readonly cause: {
    readonly id: string;
    readonly title: string;
    readonly evidence: string;
    readonly fix: string;
    readonly taskId: string | null;
    readonly exitCode: number | null;
    readonly logLines: readonly string[];
    readonly logsUnavailable: string | null;
    readonly docs: string;
    readonly messages: CauseMessages;
  } | null;
  readonly fix: string | null;
  readonly waitingOn: readonly string[];
  /** `waitingOn` as catalogue messages (src/report/ renders them in the reader's language). */
  readonly waitingOnMessages: readonly CauseText[];
  readonly events: readonly { readonly at: string; readonly message: string }[];
  readonly stoppedTasks: WatchResult['stoppedTasks'];
  readonly warnings: readonly string[];
  readonly retriedErrors: number;
}

export function reportCause(result: WatchResult | undefined): RolloutReport['cause'] {
  const cause = result?.cause;
  if (cause === undefined) return null;
  return {
    id: cause.id,
    title: cause.title,
    evidence: cause.evidence,
    fix: cause.fix,
    taskId: cause.taskId ?? null,
    exitCode: cause.exitCode ?? null,
    logLines: cause.logLines ?? [],
    logsUnavailable: cause.logsUnavailable ?? null,
    docs: troubleshootingLink(cause.id),
    messages: cause.messages,
  };
}

export function exitCodeOf(report: Pick<RolloutReport, 'outcome'>): number {
  return report.outcome === 'succeeded' || report.outcome === 'submitted' ? 0 : 1;
}
