import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { HatobaConfig } from '../config/resolve.js';
import type { RolloutPlan } from '../deploy/roll-out-revision.js';
import type { KnownServiceOutputs } from '../infra/read-outputs.js';
import {
  appendStepOutputs,
  appendStepSummary,
  group,
  inGitHubActions,
  printJson,
  printWarnings,
  type Style,
  style,
  type Writer,
} from '../report/output.js';
import type { CommandContext, ReportFlags } from './command.js';
import { parseDuration } from './duration.js';
import { DEFAULT_POLL, DEFAULT_TIMEOUT } from './watch-options.js';

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

/**
 * The command side of `deploy` and `rollback`: read the flags; load config, clients and stack outputs; let the
 * command pick a revision; roll it out (src/deploy/roll-out-revision.ts); render the report for people, for GitHub
 * Actions and as JSON. Returns the exit code.
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
  const { readServiceOutputs } = await import('../infra/read-outputs.js');
  const clients = await context.aws(config.aws.region);
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
  const [{ rollOutRevision }, { annotateVerdict, printVerdict, rolloutPrinter, stepSummaryMarkdown }, { exitCodeOf }] =
    await Promise.all([
      import('../deploy/roll-out-revision.js'),
      import('../report/deploy.js'),
      import('../deploy/report.js'),
    ]);
  const { Progress } = await import('../report/progress.js');
  const live = new Progress(progress, context);
  const report = await rollOutRevision(command, session, chosen, {
    wait: flags.wait !== false,
    timeoutMs,
    pollMs,
    signal: context.signal,
    warnings: session.warnings,
    onEvent: rolloutPrinter(live, chosen.title, s),
  }).finally(() => live.end());
  endGroup?.();

  if (ci) {
    annotateVerdict(progress, report, context.lang);
    await appendStepSummary(context.env, stepSummaryMarkdown(report, context.lang, config.environment?.name));
    await appendStepOutputs(context.env, {
      revision: report.revision,
      'task-definition-arn': report.taskDefinitionArn,
      verdict: report.outcome,
    });
  }
  if (flags.json) printJson(context, (await import('../report/deploy.js')).rolloutJson(report, context.lang));
  else printVerdict(context.stdout, report, s);
  return exitCodeOf(report);
}
