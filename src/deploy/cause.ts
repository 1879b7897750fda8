import { type CauseEntry, type CauseMessages, nameCause } from '../causes/entry.js';

export { troubleshootingLink } from '../causes/entry.js';

/** Why a deploy failed, in the words a person can act on: a catalogue cause (src/causes/) with its ECS evidence. */
export interface Cause {
  readonly id: string;
  /** What broke, one sentence. */
  readonly title: string;
  /** What to do about it. */
  readonly fix: string;
  /** Title and fix as catalogue messages (src/report/ renders them in the reader's language). */
  readonly messages: CauseMessages;
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

/** One row of a cause family: the first row whose pattern matches the ECS evidence names the cause. */
export interface CauseRule {
  readonly cause: CauseEntry;
  readonly when: RegExp;
}

export function firstMatch(rules: readonly CauseRule[], text: string): CauseRule | undefined {
  return rules.find((rule) => rule.when.test(text));
}

/** The catalogue's words for `entry`, as a deploy cause still waiting for its evidence. */
export function causeOf<Facts>(
  entry: CauseEntry<Facts>,
  facts: Facts,
  urgency: Cause['urgency'],
): Omit<Cause, 'evidence'> {
  const { id, title, fix, messages } = nameCause(entry, facts);
  return { id, title, fix, messages, urgency };
}
