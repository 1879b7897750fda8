import type { Writer } from '../cli/command.js';
import { printExplanation } from '../cli/explain-output.js';
import type { ExplainResult } from '../iam/explain.js';
import { line, printWarnings, type Style } from '../report/output.js';

/** What a rehearsal found, step by step: the `--json` document, and its human rendering (one line per step). */

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

export interface Diagnosis {
  readonly step: StepName;
  readonly message: string;
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
  readonly diagnosis: Diagnosis | null;
  /** Where the rehearsal differs from AWS (placeholders for secrets, …). */
  readonly notes: readonly string[];
  /** Problems of the trust policy worth reading even when it allows. */
  readonly warnings: readonly string[];
}

export function formatStep(step: StepReport, s: Style): string {
  const mark = step.status === 'passed' ? s.ok('✓') : step.status === 'failed' ? s.bad('✗') : s.dim('-');
  const seconds = step.status === 'skipped' ? '' : `${step.seconds.toFixed(1)}s`;
  return `${mark} ${STEP_TITLES[step.name].padEnd(15)}${seconds.padStart(6)}  ${step.summary}`;
}

/** Everything after the step lines: the verdict, then why it failed, then what differs from AWS. */
export function printOutcome(out: Writer, s: Style, report: RehearsalReport): void {
  const { diagnosis } = report;
  line(out);
  if (report.verdict === 'passed') {
    line(out, `${s.ok('✓')} ${s.bold('rehearsal passed')} in ${report.seconds.toFixed(1)}s: ${report.job}`);
  } else {
    const where = diagnosis ? ` at ${STEP_TITLES[diagnosis.step]}` : '';
    line(out, `${s.bad('✗')} ${s.bold(`rehearsal failed${where}`)} after ${report.seconds.toFixed(1)}s: ${report.job}`);
  }
  if (diagnosis) {
    line(out, `  ${diagnosis.message}`);
    // A trust denial's hints come with explain's own rendering below.
    if (!diagnosis.explanation) for (const hint of diagnosis.hints) line(out, `  ${s.warn('hint:')} ${hint}`);
    if (diagnosis.logs.length > 0) {
      line(out, `  last ${diagnosis.logs.length} log line${diagnosis.logs.length === 1 ? '' : 's'}:`);
      for (const log of diagnosis.logs) line(out, s.dim(`    | ${log}`));
    }
    if (diagnosis.explanation && diagnosis.trustPolicy) {
      line(out);
      printExplanation(out, s, diagnosis.explanation, diagnosis.trustPolicy);
    }
  }
  printWarnings(out, s, report.warnings, '  ');
  for (const note of report.notes) line(out, s.dim(`  note: ${note}`));
}
