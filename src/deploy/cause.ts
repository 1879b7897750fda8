/** Why a deploy failed, in the words a person can act on. Each id has an entry in docs/troubleshooting.md. */
export interface Cause {
  readonly id: string;
  /** What broke, one sentence. */
  readonly title: string;
  /** What to do about it. */
  readonly fix: string;
  /** The AWS text it was read from (stoppedReason, container reason, target health), verbatim. */
  readonly evidence: string;
  /** `immediate`: one occurrence is enough to fail the deploy; `repeated`: only after several tasks in a row. */
  readonly urgency: 'immediate' | 'repeated';
  readonly taskId?: string;
  readonly exitCode?: number;
  readonly logLines?: readonly string[];
  /** Why the log lines are missing, when they are. */
  readonly logsUnavailable?: string;
}

/** One row of a cause family: the first row whose pattern matches the evidence names the cause. */
export interface CauseRule {
  readonly id: string;
  readonly when: RegExp;
  readonly title: string;
  readonly fix: string;
}

export function firstMatch(rules: readonly CauseRule[], text: string): CauseRule | undefined {
  return rules.find((rule) => rule.when.test(text));
}

const TROUBLESHOOTING_DOC = 'docs/troubleshooting.md';

/** Anchor of the cause's entry in the "Deploys" section of docs/troubleshooting.md. */
export function troubleshootingLink(id: string): string {
  return `${TROUBLESHOOTING_DOC}#deploy-${id}`;
}
