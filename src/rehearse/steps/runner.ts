import type { NamedCause } from '../../causes/entry.js';
import type { Clock } from '../../clock.js';
import { errorMessage, UserError } from '../../errors.js';
import type { TaskFailure } from '../diagnose.js';
import { type RehearsalDiagnosis, STEP_ORDER, type StepActivity, type StepName, type StepReport } from '../report.js';

/** What a step hands on when it passes: its value for later steps, a line for people, the figures for --json. */
export interface StepOutcome<T> {
  readonly value: T;
  readonly summary: string;
  readonly details: Readonly<Record<string, unknown>>;
}

type FailureDiagnosis = Partial<Omit<RehearsalDiagnosis, 'step' | 'message' | 'cause'>> & {
  readonly message: string;
  readonly cause?: NamedCause | undefined;
};

/** A step found a problem: its summary line, and the diagnosis (without the step name, which the runner adds). */
export class StepFailed extends Error {
  constructor(
    readonly summary: string,
    readonly diagnosis: FailureDiagnosis,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(summary);
  }

  /** A diagnosed failure of the running container, with its last log lines. */
  static of(finding: TaskFailure, logs: readonly string[], details: Readonly<Record<string, unknown>>): StepFailed {
    const { message, hints, cause } = finding;
    return new StepFailed(finding.summary, { message, hints, cause, logs }, details);
  }
}

/** Thrown past the remaining steps once one has failed and been recorded. */
export class PipelineStopped extends Error {}

/**
 * Runs steps in order, timing each and recording its report. The first failure becomes the diagnosis and stops the
 * pipeline (PipelineStopped); bad input and Ctrl-C propagate as they are.
 */
export class StepRunner {
  private readonly steps: StepReport[] = [];
  diagnosis: RehearsalDiagnosis | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
    private readonly onStep: ((step: StepReport) => void) | undefined,
    private readonly onActivity: ((activity: StepActivity) => void) | undefined = undefined,
  ) {}

  async step<T>(name: StepName, body: () => Promise<StepOutcome<T>>): Promise<T> {
    const started = this.clock.now();
    this.onActivity?.({ type: 'started', step: name });
    const seconds = () => (this.clock.now() - started) / 1000;
    try {
      const outcome = await body();
      this.record({ name, status: 'passed', seconds: seconds(), summary: outcome.summary, details: outcome.details });
      return outcome.value;
    } catch (error) {
      if (error instanceof UserError) throw error;
      if (this.signal.aborted) {
        this.record({ name, status: 'failed', seconds: seconds(), summary: 'interrupted', details: {} });
        throw this.signal.reason;
      }
      const failure =
        error instanceof StepFailed
          ? error
          : new StepFailed(firstLine(errorMessage(error)), { message: errorMessage(error) });
      this.record({ name, status: 'failed', seconds: seconds(), summary: failure.summary, details: failure.details });
      const { diagnosis } = failure;
      this.diagnosis = {
        step: name,
        message: diagnosis.message,
        cause: diagnosis.cause ?? null,
        hints: diagnosis.hints ?? [],
        logs: diagnosis.logs ?? [],
        ...(diagnosis.messageText ? { messageText: diagnosis.messageText } : {}),
        ...(diagnosis.explanation ? { explanation: diagnosis.explanation } : {}),
        ...(diagnosis.trustPolicy ? { trustPolicy: diagnosis.trustPolicy } : {}),
      };
      throw new PipelineStopped();
    }
  }

  record(step: StepReport): void {
    this.steps.push(step);
    if (!this.signal.aborted) this.onStep?.(step);
  }

  /** Records the steps a failure prevented as `skipped` (cleanup always runs). */
  skipRemaining(): void {
    for (const name of STEP_ORDER) {
      if (name === 'cleanup' || this.steps.some((step) => step.name === name)) continue;
      this.record({ name, status: 'skipped', seconds: 0, summary: 'skipped', details: {} });
    }
  }

  /** Every step, in pipeline order. */
  all(): StepReport[] {
    return STEP_ORDER.flatMap((name) => this.steps.filter((step) => step.name === name));
  }
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
