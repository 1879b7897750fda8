import { appendStepOutputs, inGitHubActions, line, printJson, printWarnings, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

interface StatusOptions extends ReportFlags {
  events?: string;
}

export default defineCommand<StatusOptions>({
  name: 'status',
  summary:
    'show the revision and image the ECS service runs, its deployments, running and recently stopped tasks, and recent events',
  configure(command) {
    command.option('--events <n>', 'recent service events to show', '10').option('--json', 'print one JSON document');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText('after', '\nExamples:\n  hatoba status\n  hatoba status --json');
  },
  async run(options, context) {
    const { UserError } = await import('../../errors.js');
    const eventLimit = Number(options.events ?? '10');
    if (!Number.isInteger(eventLimit) || eventLimit < 0) {
      throw new UserError(`--events: ${JSON.stringify(options.events)} is not a count`, 'Pass e.g. --events 20.');
    }
    const { config } = await context.loadConfig(options);
    const { readServiceOutputs } = await import('../../infra/read-outputs.js');
    const { readServiceStatus } = await import('../../deploy/status.js');
    const clients = await context.aws(config.aws.region);
    const { outputs, notes } = await readServiceOutputs(clients.cloudformation, config);
    const s = style(context);
    printWarnings(context.stderr, s, notes);
    const status = await readServiceStatus(
      clients.ecs,
      {
        cluster: outputs.clusterName,
        service: outputs.serviceName,
        containerName: config.ecs.container.name,
        scaling: config.ecs.scaling,
      },
      eventLimit,
    );
    if (inGitHubActions(context.env)) {
      await appendStepOutputs(context.env, {
        revision: status.revision,
        'task-definition-arn': status.taskDefinitionArn,
      });
    }
    if (options.json) {
      printJson(context, status);
      return 0;
    }
    const out = context.stdout;
    const range = status.scaling === null ? '' : ` (auto scaling ${status.scaling.min}–${status.scaling.max})`;
    line(
      out,
      `${s.bold(`${status.cluster}/${status.service}`)}: revision ${status.revision ?? '-'}, ${status.runningCount}/${status.desiredCount} running${range}${status.pendingCount ? `, ${status.pendingCount} pending` : ''}`,
    );
    line(out, `  image: ${status.image ?? '-'}`);
    line(out);
    line(out, s.bold('Deployments'));
    for (const d of status.deployments) {
      line(
        out,
        `  ${d.status.padEnd(7)} revision ${d.revision}  ${d.rolloutState ?? ''}  ${d.running}/${d.desired} running, ${d.pending} pending, ${d.failed} failed  ${s.dim(d.id)}`,
      );
      if (d.rolloutStateReason) line(out, s.dim(`          ${d.rolloutStateReason}`));
    }
    line(out);
    line(out, s.bold('Running tasks'));
    if (status.tasks.length === 0) line(out, s.dim('  none'));
    for (const t of status.tasks) {
      line(
        out,
        `  ${t.taskId}  revision ${t.revision}  ${t.lastStatus}  health ${t.health}  ${t.privateIp ?? ''}  ${s.dim(t.startedAt ?? '')}`,
      );
    }
    line(out);
    line(out, s.bold('Recently stopped tasks'));
    if (status.stoppedTasks.length === 0) line(out, s.dim('  none'));
    for (const t of status.stoppedTasks) {
      const exit = t.exitCode === null ? '' : ` (exit ${t.exitCode})`;
      const reason =
        t.containerReason !== null && t.containerReason !== t.stoppedReason ? ` — ${t.containerReason}` : '';
      line(out, `  ${t.taskId}  revision ${t.revision}  ${s.dim(t.stoppedAt ?? '')}`);
      line(out, `    ${t.stoppedReason}${exit}${reason}`);
    }
    line(out);
    line(out, s.bold('Recent events'));
    for (const e of status.events) line(out, `  ${s.dim(e.at)} ${e.message}`);
    return 0;
  },
});
