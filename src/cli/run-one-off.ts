import type { CommandContext, ReportFlags } from './command.js';
import { parseDuration } from './duration.js';

export interface RunFlags extends ReportFlags {
  readonly image?: string | undefined;
  readonly timeout?: string | undefined;
  readonly poll?: string | undefined;
}

/**
 * `hatoba run`: the service's current task definition (or, with --image, a new revision of its family: RunTask
 * overrides cannot change the image), the command overridden, followed to its end. Returns the exit code.
 */
export async function runCommand(
  flags: RunFlags,
  context: CommandContext,
  command: readonly string[],
): Promise<number> {
  const timeout = flags.timeout ?? '30m';
  const timeoutMs = parseDuration(timeout, '--timeout');
  const pollMs = parseDuration(flags.poll ?? '5s', '--poll');
  const { UserError } = await import('../errors.js');
  if (pollMs < 1000)
    throw new UserError('--poll must be at least 1s', 'ECS reports changes every few seconds; use 5s.');
  if (command.length === 0 || command[0] === '') {
    throw new UserError('no command to run', 'Put it after --, e.g. hatoba run -- npm run migrate');
  }
  const { config } = await context.loadConfig(flags);
  const [{ readServiceOutputs }, { describeService }, { logStreamName }, report, output] = await Promise.all([
    import('../infra/read-outputs.js'),
    import('../deploy/rollout.js'),
    import('../deploy/render.js'),
    import('../report/run.js'),
    import('../report/output.js'),
  ]);
  const { runOneOffTask, stopOneOffTask } = await import('../run/run-task.js');
  const clients = await context.aws(config.aws.region);
  const s = output.style(context);
  const progress = flags.json ? context.stderr : context.stdout;
  const stack = await readServiceOutputs(clients.cloudformation, config);
  output.printWarnings(context.stderr, s, stack.notes);
  const { outputs } = stack;
  const service = await describeService(clients.ecs, outputs.clusterName, outputs.serviceName, context.signal);
  let taskDefinitionArn = service.taskDefinition;
  if (taskDefinitionArn === undefined) {
    throw new UserError(
      `ECS service ${outputs.serviceName} has no task definition`,
      'Deploy once with `hatoba deploy`.',
    );
  }
  if (flags.image !== undefined) {
    const [{ parseImageReference }, { renderTaskDefinition }, { registerTaskDefinition }] = await Promise.all([
      import('../deploy/image.js'),
      import('../deploy/render.js'),
      import('../deploy/register.js'),
    ]);
    const image = parseImageReference(flags.image);
    const registered = await registerTaskDefinition(
      clients.ecs,
      renderTaskDefinition(config, { image: image.uri, outputs }),
    );
    taskDefinitionArn = registered.taskDefinitionArn;
  }

  let running: string | undefined;
  const stop = (reason: string) => async () => {
    if (running === undefined) return;
    const { ecs } = await context.aws(config.aws.region, { outliveInterrupt: true });
    await stopOneOffTask(ecs, outputs.clusterName, running, reason);
    output.line(progress, s.dim(`stopped task ${running.slice(running.lastIndexOf('/') + 1)} (${reason})`));
  };
  const unregister = context.onInterrupt(stop('hatoba run interrupted (Ctrl-C)'));
  try {
    const outcome = await runOneOffTask(
      clients.ecs,
      clients.logs,
      {
        cluster: outputs.clusterName,
        service,
        taskDefinitionArn,
        containerName: config.ecs.container.name,
        command,
        // Tags on RunTask need ecs:TagResource (tag on create), which the deploy role has only with run.enabled.
        tags: config.run.enabled ? [{ key: 'hatoba:app', value: config.app }] : [],
        logGroupName: outputs.logGroupName,
        logStreamName: (taskId) => logStreamName(config, taskId),
      },
      {
        clock: context.clock,
        timeoutMs,
        pollMs,
        signal: context.signal,
        onEvent: report.runPrinter(progress, s),
        started: (taskArn) => {
          running = taskArn;
        },
      },
    );
    if (outcome.outcome === 'timed-out') await stop(`hatoba run --timeout ${timeout} reached`)();
    const exitCode = report.runExitCode(outcome);
    if (flags.json) {
      const json =
        outcome.outcome === 'not-started'
          ? { ...outcome, cause: (await import('../report/cause-json.js')).causeJson(outcome.cause, context.lang) }
          : outcome;
      output.printJson(context, { command, taskDefinitionArn, ...json, exitCode });
    } else report.printRunVerdict(context.stdout, outcome, timeout, s);
    return exitCode;
  } catch (error) {
    // Watching failed (not Ctrl-C): the task itself may be fine and keeps running; say which one it is.
    if (running !== undefined && !context.signal.aborted) {
      output.printWarnings(context.stderr, s, [
        `task ${running} may still be running; hatoba stopped watching it (aws ecs stop-task --cluster ${outputs.clusterName} --task ${running} stops it)`,
      ]);
    }
    throw error;
  } finally {
    unregister();
  }
}
