import type { NamedCause } from '../causes/entry.js';
import type { Message } from '../i18n/message.js';
import type { RehearseKey } from '../i18n/messages/rehearse.js';
import type { ExplainResult } from '../iam/explain.js';

/** What a rehearsal found, step by step: the `--json` document; src/report/rehearse.ts renders it for people. */

export const STEP_TITLES = {
  token: 'issue token',
  trust: 'verify + trust',
  build: 'build image',
  push: 'push',
  run: 'run task',
  health: 'health check',
  stop: 'stop (SIGTERM)',
  cleanup: 'clean up',
} as const;

export type StepName = keyof typeof STEP_TITLES;
export const STEP_ORDER = Object.keys(STEP_TITLES) as StepName[];

export interface StepReport {
  readonly name: StepName;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly seconds: number;
  /** One line, for people. */
  readonly summary: string;
  /** The figures behind the summary, for `--json`. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** What a step reports while it runs; its end is its StepReport. src/report/progress.ts shows these live. */
export type StepActivity =
  | { readonly type: 'started'; readonly step: StepName }
  /** A line of what the step runs prints (docker build, docker pull), or of what it checks (health checks). */
  | { readonly type: 'output'; readonly step: StepName; readonly line: string }
  | {
      readonly type: 'count';
      readonly step: StepName;
      readonly unit: 'layers';
      readonly done: number;
      readonly total: number;
    };

export interface RehearsalDiagnosis {
  readonly step: StepName;
  readonly message: string;
  /** `message` as a catalogue message, said in the reader's language (absent where the text is not yet one). */
  readonly messageText?: Message<RehearseKey>;
  /** The cause a deploy would report for the same failure (docs/troubleshooting.md), when it has one. */
  readonly cause: NamedCause | null;
  readonly hints: readonly string[];
  /** The last lines of the container's log, or of the build's output. */
  readonly logs: readonly string[];
  /** For a trust denial: `hatoba explain`'s result, against `trustPolicy`. */
  readonly explanation?: ExplainResult;
  readonly trustPolicy?: string;
}

export interface RehearsalReport {
  /** Labels (`io.hatoba.rehearse=RUN_ID`) and names (`hatoba-rehearse-RUN_ID-…`) of what this run created. */
  readonly runId: string;
  readonly config: string;
  /** The rehearsed job: `push on refs/heads/main in environment production`. */
  readonly job: string;
  readonly verdict: 'passed' | 'failed';
  readonly seconds: number;
  readonly steps: readonly StepReport[];
  readonly diagnosis: RehearsalDiagnosis | null;
  /** Where the rehearsal differs from AWS (placeholders for secrets, …). */
  readonly notes: readonly string[];
  /** Problems of the trust policy worth reading even when it allows. */
  readonly warnings: readonly string[];
}
