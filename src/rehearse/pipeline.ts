import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { IMAGE_PLATFORMS } from '../config/fargate.js';
import type { LoadedConfig } from '../config/load.js';
import { displayPath } from '../fs/display-path.js';
import type { TrustInput } from '../iam/trust-input.js';
import { Cleanup } from './cleanup.js';
import type { Docker } from './docker.js';
import { buildPaths } from './image-build.js';
import { checkPrerequisites } from './preflight.js';
import type { RehearsalReport, StepActivity, StepReport } from './report.js';
import { buildStep } from './steps/build.js';
import { healthStep } from './steps/health.js';
import { pushStep } from './steps/push.js';
import { runStep } from './steps/run.js';
import { PipelineStopped, StepRunner } from './steps/runner.js';
import { REHEARSE_LABEL, type RehearsalState } from './steps/state.js';
import { stopStep } from './steps/stop.js';
import { tokenStep } from './steps/token.js';
import { trustStep } from './steps/trust.js';
import { rehearsedJob, type TriggerOptions } from './trigger.js';

export { registryVolume } from './steps/push.js';
export { REHEARSE_LABEL } from './steps/state.js';

/**
 * The deploy pipeline, rehearsed on this machine: token → trust check → build → push → run → health check → stop,
 * each step (src/rehearse/steps/) timed, the first failure diagnosed, and everything started here removed afterwards
 * — on success, on failure and on Ctrl-C.
 */

export interface RehearseOptions {
  readonly loaded: LoadedConfig;
  readonly trigger: TriggerOptions;
  readonly trust: TrustInput;
  /** Build every layer, as a runner without a cache would. */
  readonly noCache: boolean;
  /** Keep the registry's storage in a Docker volume between runs, as ECR keeps earlier images. */
  readonly keepRegistryData: boolean;
  readonly healthTimeoutSeconds: number;
  readonly registryImage: string;
}

export interface RehearseContext {
  readonly docker: Docker;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** Where the user runs hatoba: paths in messages are shown relative to it. */
  readonly cwd: string;
  /** `process.platform` unless a test says otherwise: the fix for a missing engine depends on it. */
  readonly os?: NodeJS.Platform;
  /** Called once the inputs are checked and the first step starts, with the rehearsed job in words. */
  readonly onStart?: (job: string) => void;
  /** Called as each step ends, so people see progress. */
  readonly onStep?: (step: StepReport) => void;
  /** Called while a step runs: its start, its output lines, its counts. */
  readonly onActivity?: (activity: StepActivity) => void;
}

export async function rehearse(options: RehearseOptions, context: RehearseContext): Promise<RehearsalReport> {
  const { loaded } = options;
  const { docker, clock, signal } = context;
  const started = clock.now();
  // Bad input is reported before anything starts.
  const job = rehearsedJob(loaded.config, options.trigger);
  const paths = await buildPaths(loaded, context.cwd);
  const engine = await checkPrerequisites(docker, {
    registryImage: options.registryImage,
    platform: IMAGE_PLATFORMS[loaded.config.ecs.architecture],
    env: context.env,
    os: context.os ?? process.platform,
    signal,
  });

  const runId = randomBytes(4).toString('hex');
  const state: RehearsalState = {
    loaded,
    config: loaded.config,
    job,
    trust: options.trust,
    paths,
    engine,
    docker,
    clock,
    signal,
    env: context.env,
    noCache: options.noCache,
    keepRegistryData: options.keepRegistryData,
    healthTimeoutSeconds: options.healthTimeoutSeconds,
    registryImage: options.registryImage,
    runId,
    prefix: `hatoba-rehearse-${runId}`,
    labels: { [REHEARSE_LABEL]: runId },
    cleanup: new Cleanup(),
    notes: [],
    onActivity: (activity) => {
      if (!signal.aborted) context.onActivity?.(activity);
    },
  };
  const run = new StepRunner(clock, signal, context.onStep, state.onActivity);
  context.onStart?.(job.description);

  try {
    const token = await run.step('token', () => tokenStep(state));
    await run.step('trust', () => trustStep(state, token));
    const built = await run.step('build', () => buildStep(state));
    const pushed = await run.step('push', () => pushStep(state, built));
    const task = await run.step('run', () => runStep(state, pushed));
    await run.step('health', () => healthStep(state, task));
    await run.step('stop', () => stopStep(state, task));
  } catch (error) {
    // A failed step has been recorded; anything else (bad input, Ctrl-C) propagates once cleanup is done.
    if (!(error instanceof PipelineStopped)) {
      await state.cleanup.run();
      throw error;
    }
  }

  run.skipRemaining();
  state.onActivity({ type: 'started', step: 'cleanup' });
  const cleaned = clock.now();
  const { cleanup } = state;
  const problems = await cleanup.run();
  run.record({
    name: 'cleanup',
    status: problems.length === 0 ? 'passed' : 'failed',
    seconds: (clock.now() - cleaned) / 1000,
    summary:
      problems.length === 0
        ? `removed ${cleanup.done.join(', ') || 'nothing'}`
        : `could not remove: ${problems.map((p) => `${p.label} (${p.message})`).join('; ')}`,
    details: { removed: cleanup.done, problems },
  });
  return {
    runId,
    config: displayPath(context.cwd, loaded.path),
    job: job.description,
    verdict: run.diagnosis === null ? 'passed' : 'failed',
    seconds: (clock.now() - started) / 1000,
    steps: run.all(),
    diagnosis: run.diagnosis,
    notes: state.notes,
    warnings: options.trust.warnings,
  };
}
