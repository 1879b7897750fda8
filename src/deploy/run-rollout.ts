import type { AwsClients } from '../aws/clients.js';
import type { CommandContext, ReportFlags, Writer } from '../cli/command.js';
import { parseDuration } from '../cli/duration.js';
import { DEFAULT_POLL, DEFAULT_TIMEOUT } from '../cli/watch-options.js';
import type { Clock } from '../clock.js';
import type { HatobaConfig } from '../config/resolve.js';
import type { KnownServiceOutputs } from '../infra/read-outputs.js';
import {
  appendStepSummary,
  group,
  inGitHubActions,
  line,
  printJson,
  printWarnings,
  type Style,
  style,
} from '../report/output.js';
import { logStreamName } from './render.js';
import {
  annotateVerdict,
  exitCodeOf,
  printVerdict,
  progressPrinter,
  type RolloutReport,
  reportCause,
  stepSummaryMarkdown,
} from './report.js';
import type { WatchResult } from './watch.js';

/** Flags `deploy` and `rollback` share. */
export interface RolloutFlags extends ReportFlags {
  /** commander's `--no-wait` */
  wait?: boolean;
  timeout?: string;
  poll?: string;
}

/** What a command has once config, clients and stack outputs are loaded. */
export interface RolloutSession {
  readonly config: HatobaConfig;
  readonly clients: AwsClients;
  readonly outputs: KnownServiceOutputs;
  readonly clock: Clock;
  /** Where progress goes: stdout for people, stderr under --json so stdout holds only the document. */
  readonly progress: Writer;
  readonly style: Style;
  readonly warnings: string[];
}

/** The revision a command wants the service to run. */
export interface RolloutPlan {
  readonly taskDefinitionArn: string;
  readonly revision: number;
  readonly image: string;
  readonly imageDigest: string | null;
  /** What GitHub Actions' log group is titled. */
  readonly title: string;
}

/**
 * The flow `deploy` and `rollback` share: load config, clients and stack outputs; let the command pick a revision;
 * point the service at it; watch; report for people, for GitHub Actions and as JSON. Returns the exit code.
 */
export async function runRollout(
  command: 'deploy' | 'rollback',
  flags: RolloutFlags,
  context: CommandContext,
  plan: (session: RolloutSession) => Promise<RolloutPlan>,
): Promise<number> {
  const timeoutMs = parseDuration(flags.timeout ?? DEFAULT_TIMEOUT, '--timeout');
  const pollMs = parseDuration(flags.poll ?? DEFAULT_POLL, '--poll');
  const { UserError } = await import('../errors.js');
  if (pollMs < 1000)
    throw new UserError('--poll must be at least 1s', 'ECS reports changes every few seconds; use 5s.');
  const { config } = await context.loadConfig(flags);
  const { createAwsClients } = await import('../aws/clients.js');
  const { readServiceOutputs } = await import('../infra/read-outputs.js');
  const clients = await createAwsClients(config.aws.region);
  const { clock } = context;
  const progress = flags.json ? context.stderr : context.stdout;
  const s = style(context);
  const stack = await readServiceOutputs(clients.cloudformation, config);
  const session: RolloutSession = {
    config,
    clients,
    outputs: stack.outputs,
    clock,
    progress,
    style: s,
    warnings: [...stack.notes],
  };
  const chosen = await plan(session);
  printWarnings(context.stderr, s, session.warnings);

  const ci = inGitHubActions(context.env);
  const endGroup = ci ? group(progress, chosen.title) : undefined;
  const { startRollout } = await import('./rollout.js');
  const { outputs } = session;
  const rollout = await startRollout(
    clients.ecs,
    {
      cluster: outputs.clusterName,
      service: outputs.serviceName,
      taskDefinitionArn: chosen.taskDefinitionArn,
      desiredCount: config.ecs.desiredCount,
    },
    clock,
  );
  const { parseTaskDefinitionArn, taskDefinitionName } = await import('./register.js');
  const previous = rollout.previousTaskDefinitionArn;
  const previousRevision = previous === undefined ? null : parseTaskDefinitionArn(previous).revision;
  const taskDefinition = taskDefinitionName(chosen.taskDefinitionArn);
  const previousTaskDefinition = previous === undefined ? null : taskDefinitionName(previous);
  line(
    progress,
    `${chosen.title}: ${taskDefinition}${previousTaskDefinition === null ? '' : ` replaces ${previousTaskDefinition}`}` +
      `, deployment ${rollout.deploymentId}${rollout.scaledFromZero ? `, desired count 0 → ${rollout.desiredCount}` : ''}`,
  );

  let result: WatchResult | undefined;
  if (flags.wait !== false) {
    const { watchDeployment } = await import('./watch.js');
    result = await watchDeployment(
      clients,
      {
        cluster: outputs.clusterName,
        service: outputs.serviceName,
        family: outputs.taskFamily,
        deploymentId: rollout.deploymentId,
        taskDefinitionArn: chosen.taskDefinitionArn,
        targetGroupArn: outputs.targetGroupArn ?? rollout.targetGroupArn,
        logGroupName: outputs.logGroupName,
        logStreamName: (taskId) => logStreamName(config, taskId),
        containerName: config.ecs.container.name,
        architecture: config.ecs.architecture,
        health: { healthCheckPath: config.ecs.container.healthCheckPath, port: config.ecs.container.port },
        startedAt: rollout.startedAt,
      },
      { clock, timeoutMs, pollMs, signal: context.signal, onProgress: progressPrinter(progress, rollout.startedAt, s) },
    );
  }
  endGroup?.();

  const finishedAt = result?.finishedAt ?? clock.now();
  const report: RolloutReport = {
    command,
    outcome: result?.outcome ?? 'submitted',
    summary:
      result?.summary ?? `deployment ${rollout.deploymentId} started; not waiting (follow it with \`hatoba status\`)`,
    cluster: outputs.clusterName,
    service: outputs.serviceName,
    image: chosen.image,
    imageDigest: chosen.imageDigest,
    taskDefinitionArn: chosen.taskDefinitionArn,
    revision: chosen.revision,
    taskDefinition,
    previousRevision,
    previousTaskDefinition,
    deploymentId: rollout.deploymentId,
    rolledBackTo:
      result?.rolledBackTo === undefined
        ? null
        : { revision: parseTaskDefinitionArn(result.rolledBackTo).revision, taskDefinitionArn: result.rolledBackTo },
    durationSeconds: Math.round((finishedAt - rollout.startedAt) / 1000),
    cause: reportCause(result),
    fix: result?.cause?.fix ?? null,
    waitingOn: result?.waitingOn ?? [],
    events: (result?.events ?? []).map((e) => ({ at: new Date(e.at).toISOString(), message: e.message })),
    stoppedTasks: result?.stoppedTasks ?? [],
    warnings: session.warnings,
    retriedErrors: result?.retriedErrors ?? 0,
  };

  if (ci) {
    annotateVerdict(progress, report);
    await appendStepSummary(context.env, stepSummaryMarkdown(report));
  }
  if (flags.json) printJson(context, report);
  else printVerdict(context.stdout, report, s);
  return exitCodeOf(report);
}
