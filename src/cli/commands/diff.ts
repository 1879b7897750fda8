import { EXIT_OK } from '../../errors.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

export default defineCommand<ReportFlags & { environment?: string }>({
  name: 'diff',
  summary: 'show what hatoba up would change in your AWS account (CloudFormation change sets, never executed)',
  configure(command) {
    command.option('--json', 'print one JSON document');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nExamples:\n  hatoba diff\n  AWS_PROFILE=prod hatoba diff --json\n  hatoba diff --environment staging',
    );
  },
  async run(options, context) {
    const loaded = await context.loadConfig(options);
    const { config, environments } = loaded;
    const [{ diff }, { formatChange, formatConflicts }] = await Promise.all([
      import('../../infra/diff.js'),
      import('../../report/infra.js'),
    ]);
    const clients = await context.aws(config.aws.region);
    const pipeline = await (await import('../pipeline-clients.js')).pipelineClients(
      context,
      config,
      environments,
      clients,
    );
    const report = await diff(clients, config, {
      clock: context.clock,
      signal: context.signal,
      environments,
      pipelineClients: pipeline,
    });
    if (options.json) {
      printJson(context, report);
      return EXIT_OK;
    }
    const s = style(context);
    const pipelineIn = report.pipelineRegion === undefined ? '' : ` (the pipeline stack in ${report.pipelineRegion})`;
    line(context.stdout, `Account ${report.account}, ${report.region}${pipelineIn}`);
    line(context.stdout, `GitHub OIDC provider ${report.oidcProvider.arn} (${report.oidcProvider.action})`);
    printWarnings(context.stderr, s, report.warnings);
    for (const stack of report.stacks) {
      line(context.stdout);
      const what = stack.changes.length === 0 ? 'no changes' : `${stack.changes.length} change(s)`;
      line(context.stdout, `${s.bold(stack.stackName)} (${stack.operation}): ${what}`);
      for (const change of stack.changes) line(context.stdout, formatChange(change));
      const parameters = Object.entries(stack.parameters).map(
        ([key, value]) => `${key}=${value === '' ? '""' : value}`,
      );
      if (parameters.length > 0) line(context.stdout, s.dim(`  parameters: ${parameters.join(' ')}`));
    }
    const conflicts = formatConflicts(report.conflicts, report.adoption);
    if (conflicts.length > 0) line(context.stdout);
    for (const text of conflicts) line(context.stdout, text);
    return EXIT_OK;
  },
});
