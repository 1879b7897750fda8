import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

interface LogsOptions extends ReportFlags {
  follow?: boolean;
  since: string;
  task?: string;
  filter?: string;
  limit: string;
}

export default defineCommand<LogsOptions>({
  name: 'logs',
  summary: "print the service's container logs (CloudWatch Logs), newest deployment first; --follow to stream",
  configure(command) {
    command
      .option('-f, --follow', 'keep printing new lines until Ctrl-C (polls every 2 s)')
      .option('--since <duration>', 'how far back to start, e.g. 90s, 15m, 2h', '15m')
      .option('--task <id>', 'only this task (full id, ARN, or the 8-character short id)')
      .option('--filter <text>', 'only lines containing this exact text (case-sensitive; not a filter pattern)')
      .option('--limit <n>', 'at most this many lines (without --follow: the oldest n, with a note)', '1000')
      .option('--json', 'print one JSON document; with --follow, JSON Lines (one event per line)');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nExamples:\n  hatoba logs\n  hatoba logs --since 1h --filter "status=500"\n  hatoba logs --follow --task 0a1b2c3d\n  hatoba logs --json',
    );
  },
  async run(options, context) {
    const { UserError } = await import('../../errors.js');
    const { parseDuration } = await import('../duration.js');
    const sinceMs = parseDuration(options.since, '--since');
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new UserError(
        `--limit: ${JSON.stringify(options.limit)} is not a positive count`,
        'Pass e.g. --limit 5000.',
      );
    }
    const { phrasePattern } = await import('../../logs/filter-pattern.js');
    const filterPattern = options.filter === undefined ? undefined : phrasePattern(options.filter);
    const { config } = await context.loadConfig(options);
    const { readServiceOutputs } = await import('../../infra/read-outputs.js');
    const { readServiceTasks, matchTask } = await import('../../logs/tasks.js');
    const { readEvents, followEvents } = await import('../../logs/events.js');
    const { logStreamName } = await import('../../deploy/render.js');
    const { resourceNames } = await import('../../naming.js');
    const { line, printJson, printWarnings, style } = await import('../../report/output.js');
    const report = await import('../../report/logs.js');
    const clients = await context.aws(config.aws.region);
    const { outputs, notes } = await readServiceOutputs(clients.cloudformation, config);
    const s = style(context);
    printWarnings(context.stderr, s, notes);
    const where = { cluster: outputs.clusterName, service: outputs.serviceName };
    let service = await readServiceTasks(clients.ecs, where, context.signal);
    let taskId: string | undefined;
    if (options.task !== undefined) {
      const match = matchTask(service.tasks, options.task);
      if (typeof match !== 'string') {
        throw new UserError(match.problem, 'Run `hatoba status` to list the tasks, then pass one id to --task.');
      }
      taskId = match;
    }
    const names = resourceNames(config);
    const query = {
      logGroupName: outputs.logGroupName,
      streamPrefix: `${names.logStreamPrefix}/${names.containerName}/`,
      streamName: taskId === undefined ? undefined : logStreamName(config, taskId),
      filterPattern,
      startTime: context.clock.now() - sinceMs,
    };
    // A person at a terminal reads local wall-clock times; CI logs and pipes get ISO 8601 in UTC.
    const local = context.interactive && context.env.CI === undefined;
    const shown = (event: import('../../logs/events.js').LogEvent) => ({
      ...event,
      revision: service.tasks.get(event.taskId)?.revision ?? '?',
    });
    const truncatedNote = (shownCount: number) =>
      `showing the first ${shownCount} lines since ${new Date(query.startTime).toISOString()}; pass --since with a shorter window or a larger --limit`;

    if (options.follow) {
      let refreshedAt = context.clock.now();
      await followEvents(
        clients.logs,
        query,
        limit,
        context.clock,
        async (events, truncated) => {
          // A task ECS started after the last look: read the service again, at most every 30 s.
          const unknown = events.some((e) => !service.tasks.has(e.taskId));
          if (unknown && context.clock.now() - refreshedAt >= 30_000) {
            service = await readServiceTasks(clients.ecs, where, context.signal);
            refreshedAt = context.clock.now();
          }
          const rows = events.map(shown);
          if (options.json) report.printEventLines(context.stdout, rows);
          else for (const row of rows) report.printLogLine(context.stdout, s, row, local);
          if (truncated) printWarnings(context.stderr, s, [`more than ${limit} lines in one poll; catching up`]);
        },
        context.signal,
      );
    }

    const page = await readEvents(clients.logs, query, limit, context.signal);
    const rows = page.events.map(shown);
    const groups = report.byDeployment(rows, service.revisions);
    if (options.json) {
      printJson(context, {
        logGroup: query.logGroupName,
        since: new Date(query.startTime).toISOString(),
        ...(options.filter === undefined ? {} : { filter: options.filter }),
        ...(taskId === undefined ? {} : { taskId }),
        truncated: page.truncated,
        events: groups.flat().map(report.eventJson),
      });
      return 0;
    }
    if (rows.length === 0) {
      line(
        context.stderr,
        s.dim(`no log lines in ${query.logGroupName} since ${new Date(query.startTime).toISOString()}`),
      );
    }
    report.printLogGroups(context.stdout, s, groups, local);
    if (page.truncated) printWarnings(context.stderr, s, [truncatedNote(rows.length)]);
    return 0;
  },
});
