import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import { IMAGE_PLATFORMS } from '../config/fargate.js';
import type { LoadedConfig } from '../config/load.js';
import { renderTaskDefinition } from '../deploy/render.js';
import { errorMessage, UserError } from '../errors.js';
import type { TrustInput } from '../iam/trust-input.js';
import { impliedServiceOutputs } from '../infra/read-outputs.js';
import { resourceNames } from '../naming.js';
import { Cleanup } from './cleanup.js';
import { exitedFinding, type Finding, healthFinding, stopFinding } from './diagnose.js';
import { type Docker, DockerError, lastLines } from './docker.js';
import { healthCheckSettings, probe, waitHealthy } from './health.js';
import { buildImage, buildPaths, gitRevision, platformProblem } from './image-build.js';
import { pullByDigest, pushImage } from './image-push.js';
import { startIssuer } from './issuer.js';
import { startRegistry } from './registry.js';
import { type Diagnosis, type RehearsalReport, STEP_ORDER, type StepName, type StepReport } from './report.js';
import { containerState, logTail, planTaskRun, startTask, stopTask } from './task-runner.js';
import { TokenRejected, verifyLikeSts } from './token-verify.js';
import { type RehearsedJob, rehearsedJob, type TriggerOptions } from './trigger.js';
import { checkTrust } from './trust-check.js';

/**
 * The deploy pipeline, rehearsed on this machine: token → trust check → build → push → run → health check → stop,
 * each step timed, the first failure diagnosed, and everything started here removed afterwards — on success, on
 * failure and on Ctrl-C.
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
  /** Called once the inputs are checked and the first step starts, with the rehearsed job in words. */
  readonly onStart?: (job: string) => void;
  /** Called as each step ends, so people see progress. */
  readonly onStep?: (step: StepReport) => void;
}

/** Labels every container, network and volume a rehearsal creates, with its run id. */
export const REHEARSE_LABEL = 'io.hatoba.rehearse';
const LOG_LINES = 20;

export async function rehearse(options: RehearseOptions, context: RehearseContext): Promise<RehearsalReport> {
  const { loaded } = options;
  const { config } = loaded;
  const { docker, clock, signal } = context;
  const started = clock.now();
  // Bad input is reported before anything starts.
  const job = rehearsedJob(config, options.trigger);
  const paths = await buildPaths(loaded);
  const engine = await engineArchitecture(docker, signal);

  const runId = randomBytes(4).toString('hex');
  const prefix = `hatoba-rehearse-${runId}`;
  const labels = { [REHEARSE_LABEL]: runId };
  const run = new StepRunner(clock, signal, context.onStep);
  const cleanup = new Cleanup();
  const notes: string[] = [];
  context.onStart?.(job.description);

  try {
    const issuer = await run.step('token', async () => {
      const issuer = await startIssuer({ now: clock.now });
      cleanup.defer('OIDC issuer', () => issuer.close());
      const token = await issuer.issue(job.claims);
      return {
        value: { url: issuer.url, token },
        summary: `RS256 token from ${issuer.url}: sub ${job.claims.sub}, aud ${job.claims.aud}`,
        details: tokenDetails(job, issuer.url),
      };
    });

    await run.step('trust', async () => {
      try {
        await verifyLikeSts(
          issuer.token,
          { url: issuer.url, clientIds: [config.github.audience] },
          { now: clock.now, signal },
        );
      } catch (error) {
        if (!(error instanceof TokenRejected)) throw error;
        throw new StepFailed(error.code, { message: `STS would reject the token: ${error.message}` });
      }
      const explanation = await checkTrust(issuer.token, job.description, config, options.trust);
      const source = options.trust.trust.source;
      if (explanation.verdict === 'denied') {
        const first = explanation.failures[0];
        const claim = first?.key.split(':').at(-1);
        throw new StepFailed(`denied: ${claim ? `the token's ${claim} is not trusted` : 'no statement allows it'}`, {
          message:
            `AWS STS would deny AssumeRoleWithWebIdentity for ${job.claims.sub}` +
            (first ? `: ${first.operator} ${first.key} does not match.` : '.'),
          hints: explanation.hints,
          explanation,
          trustPolicy: source,
        });
      }
      return {
        value: undefined,
        summary: `signature, iss, aud and exp valid; ${roleName(explanation.roleArn)} trusts this sub`,
        details: { trustPolicy: source, roleArn: explanation.roleArn, sub: job.claims.sub, aud: job.claims.aud },
      };
    });

    const platform = IMAGE_PLATFORMS[config.ecs.architecture];
    const revision = await gitRevision(loaded.dir, context.env);
    const tag = revision.sha === 'unversioned' ? `rehearse-${runId}` : revision.sha;
    const built = await run.step('build', async () => {
      const problem = await platformProblem(engine, platform);
      if (problem !== undefined) throw new StepFailed(`cannot build ${platform} here`, { message: problem });
      const localTag = `hatoba-rehearse/${config.ecr.repository}:latest`;
      const previous = await imageId(docker, localTag, signal);
      let image: Awaited<ReturnType<typeof buildImage>>;
      try {
        image = await buildImage(
          docker,
          {
            ...paths,
            tag: localTag,
            platform,
            revision: revision.sha,
            source: `https://github.com/${config.github.repository}`,
            noCache: options.noCache,
          },
          signal,
        );
      } catch (error) {
        if (!(error instanceof DockerError)) throw error;
        throw new StepFailed('docker build failed', {
          message: `docker build failed${error.exitCode === null ? '' : ` (exit ${error.exitCode})`}.`,
          logs: lastLines(`${error.stdout}\n${error.stderr}`, LOG_LINES).split('\n'),
        });
      }
      // The image this tag held before is now dangling; its layers still shared with the new one stay.
      if (previous !== undefined && previous !== image.id)
        await docker.remove(['image', 'rm', previous]).catch(() => {});
      const version =
        revision.sha === 'unversioned'
          ? 'not in a git checkout'
          : `revision ${revision.sha.slice(0, 12)}${revision.dirty ? ' + uncommitted changes' : ''}`;
      return {
        value: image,
        summary: `${platform}, ${formatBytes(image.sizeBytes)}, ${version}`,
        details: {
          tag: localTag,
          imageId: image.id,
          platform,
          sizeBytes: image.sizeBytes,
          revision: revision.sha,
          uncommittedChanges: revision.dirty,
          noCache: options.noCache,
        },
      };
    });

    const pushed = await run.step('push', async () => {
      const workDir = await mkdtemp(join(tmpdir(), 'hatoba-rehearse-'));
      cleanup.defer('temporary files', () => rm(workDir, { recursive: true, force: true }));
      const registryName = `${prefix}-registry`;
      cleanup.defer('registry', () => docker.remove(['rm', '--force', '--volumes', registryName]));
      const volume = options.keepRegistryData ? registryVolume(config.ecr.repository) : undefined;
      const phase = clock.now();
      const registry = await startRegistry(docker, {
        name: registryName,
        image: options.registryImage,
        workDir,
        volume,
        labels,
        signal,
      });
      const pushing = clock.now();
      const result = await pushImage(docker, registry, built, { repository: config.ecr.repository, tag }, signal);
      cleanup.defer('image tag', () => docker.remove(['image', 'rm', result.tagReference]));
      const pulling = clock.now();
      await pullByDigest(docker, registry, result.imageByDigest, signal);
      const seconds = (from: number, to: number) => (to - from) / 1000;
      cleanup.defer('pulled image reference', () => docker.remove(['image', 'rm', result.imageByDigest]));
      return {
        value: result,
        summary:
          `${formatBytes(result.bytesPushed)} uploaded of ${formatBytes(result.imageBytes)} ` +
          `(${result.layersPushed}/${result.layersTotal} layers), pulled back as ${result.digest.slice(0, 19)}…`,
        details: {
          registry: registry.host,
          image: result.imageByDigest,
          digest: result.digest,
          bytesPushed: result.bytesPushed,
          imageBytes: result.imageBytes,
          layersPushed: result.layersPushed,
          layersTotal: result.layersTotal,
          registryVolume: volume ?? null,
          registrySeconds: seconds(phase, pushing),
          pushSeconds: seconds(pushing, pulling),
          pullSeconds: seconds(pulling, clock.now()),
        },
      };
    });

    const { plan, task } = await run.step('run', async () => {
      const network = `${prefix}-net`;
      cleanup.defer('network', () => docker.remove(['network', 'rm', network]));
      await docker.run(['network', 'create', '--label', `${REHEARSE_LABEL}=${runId}`, network], { signal });
      const taskDefinition = renderTaskDefinition(config, {
        image: pushed.imageByDigest,
        outputs: impliedServiceOutputs(config),
      });
      const containerName = resourceNames(config).containerName;
      const plan = planTaskRun(taskDefinition, { name: `${prefix}-${containerName}`, network, labels });
      cleanup.defer('task container', () => docker.remove(['rm', '--force', '--volumes', plan.containerName]));
      const task = await startTask(docker, plan, signal);
      notes.push(...plan.notes);
      const container = taskDefinition.containerDefinitions?.[0];
      return {
        value: { plan, task },
        summary:
          `${task.address} → port ${plan.containerPort}, user ${container?.user ?? 'from the image'}, ` +
          `${container?.readonlyRootFilesystem ? 'read-only root, ' : ''}${plan.cpus ?? '?'} vCPU, ${plan.memoryMiB ?? '?'} MiB`,
        details: {
          container: plan.containerName,
          network,
          address: task.address,
          containerPort: plan.containerPort,
          user: container?.user ?? null,
          readonlyRootFilesystem: container?.readonlyRootFilesystem ?? false,
          cpus: plan.cpus ?? null,
          memoryMiB: plan.memoryMiB ?? null,
          stopTimeoutSeconds: plan.stopTimeoutSeconds,
          environment: Object.keys(plan.env),
        },
      };
    });

    await run.step('health', async () => {
      const settings = healthCheckSettings(config);
      const outcome = await waitHealthy(settings, {
        check: () => probe(task.address, settings.path, settings.timeoutSeconds),
        running: async () => (await containerState(docker, plan.containerName, signal)).running,
        sleep: clock.sleep,
        now: clock.now,
        timeoutSeconds: options.healthTimeoutSeconds,
        signal,
      });
      const details = { ...settings, checks: outcome.checks, reason: outcome.healthy ? null : outcome.reason };
      if (!outcome.healthy) {
        const logs = await logTail(docker, plan.containerName, LOG_LINES);
        const finding: Finding =
          outcome.reason === 'exited'
            ? exitedFinding(await containerState(docker, plan.containerName), plan, logs)
            : healthFinding(outcome, settings, plan.containerPort);
        throw new StepFailed(finding.summary, { message: finding.message, hints: finding.hints, logs }, details);
      }
      return {
        value: undefined,
        summary:
          `GET ${settings.path} healthy after ${outcome.checks} checks ` +
          `(${settings.healthyThreshold} in a row needed, every ${settings.intervalSeconds}s)`,
        details,
      };
    });

    await run.step('stop', async () => {
      const result = await stopTask(docker, plan, clock.now, signal);
      const details = {
        exitCode: result.exitCode,
        seconds: result.seconds,
        stopTimeoutSeconds: plan.stopTimeoutSeconds,
      };
      if (result.killed) {
        const finding = stopFinding(result, plan);
        const logs = await logTail(docker, plan.containerName, LOG_LINES);
        throw new StepFailed(finding.summary, { message: finding.message, hints: finding.hints, logs }, details);
      }
      return {
        value: undefined,
        summary: `exit ${result.exitCode}, ${result.seconds.toFixed(1)}s after SIGTERM (stop timeout ${plan.stopTimeoutSeconds}s)`,
        details,
      };
    });
  } catch (error) {
    // A failed step has been recorded; anything else (bad input, Ctrl-C) propagates once cleanup is done.
    if (!(error instanceof PipelineStopped)) {
      await cleanup.run();
      throw error;
    }
  }

  run.skipRemaining();
  const cleaned = clock.now();
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
    config: loaded.path,
    job: job.description,
    verdict: run.diagnosis === null ? 'passed' : 'failed',
    seconds: (clock.now() - started) / 1000,
    steps: run.all(),
    diagnosis: run.diagnosis,
    notes,
    warnings: options.trust.warnings,
  };
}

/** A step found a problem: its summary line, and the diagnosis (without the step name, which the runner adds). */
class StepFailed extends Error {
  constructor(
    readonly summary: string,
    readonly diagnosis: Partial<Omit<Diagnosis, 'step' | 'message'>> & { message: string },
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(summary);
  }
}

/** Thrown past the remaining steps once one has failed and been recorded. */
class PipelineStopped extends Error {}

interface StepOutcome<T> {
  readonly value: T;
  readonly summary: string;
  readonly details: Readonly<Record<string, unknown>>;
}

class StepRunner {
  private readonly steps: StepReport[] = [];
  diagnosis: Diagnosis | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
    private readonly onStep: ((step: StepReport) => void) | undefined,
  ) {}

  async step<T>(name: StepName, body: () => Promise<StepOutcome<T>>): Promise<T> {
    const started = this.clock.now();
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
      this.diagnosis = {
        step: name,
        message: failure.diagnosis.message,
        hints: failure.diagnosis.hints ?? [],
        logs: failure.diagnosis.logs ?? [],
        ...(failure.diagnosis.explanation ? { explanation: failure.diagnosis.explanation } : {}),
        ...(failure.diagnosis.trustPolicy ? { trustPolicy: failure.diagnosis.trustPolicy } : {}),
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

function tokenDetails(job: RehearsedJob, issuer: string): Record<string, unknown> {
  const { claims } = job;
  return {
    issuer,
    sub: claims.sub,
    aud: claims.aud,
    event: claims.event_name,
    ref: claims.ref,
    environment: claims.environment ?? null,
  };
}

/** The engine's CPU architecture; no engine is bad input for this command (nothing to rehearse on). */
async function engineArchitecture(docker: Docker, signal: AbortSignal): Promise<string> {
  try {
    const { stdout } = await docker.run(['version', '--format', '{{.Server.Arch}}'], { signal });
    return stdout.trim();
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    throw new UserError(
      `no Docker Engine answers (${firstLine(error.stderr) || error.message})`,
      'Start Docker Engine or Docker Desktop, or point DOCKER_HOST at one; rehearse builds and runs the image there.',
    );
  }
}

async function imageId(docker: Docker, reference: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    return (await docker.run(['image', 'inspect', '--format', '{{.Id}}', reference], { signal })).stdout.trim();
  } catch (error) {
    if (error instanceof DockerError) return undefined;
    throw error;
  }
}

/** The Docker volume that stands for the ECR repository's storage between runs (`--keep-registry-data`). */
export function registryVolume(repository: string): string {
  return `hatoba-rehearse-registry-${repository.replaceAll('/', '-')}`;
}

/** `role web-github-deploy`, or `the trust policy` when no role is known. */
function roleName(roleArn: string | null): string {
  return roleArn === null ? 'the trust policy' : `role ${roleArn.replace(/^.*:role\//, '')}`;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** `81.0 MB`, `4.2 kB`: decimal units, as registries and `docker image ls` count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
