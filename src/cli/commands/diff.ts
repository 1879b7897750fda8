import { EXIT_OK } from '../../errors.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions } from '../command.js';

export default defineCommand<ReportFlags>({
  name: 'diff',
  summary: 'show what hatoba up would change in your AWS account (CloudFormation change sets, never executed)',
  configure(command) {
    command.option('--json', 'print one JSON document');
    withConfigOptions(command);
    command.addHelpText('after', '\nExamples:\n  hatoba diff\n  AWS_PROFILE=prod hatoba diff --json');
  },
  async run(options, context) {
    const { config } = await context.loadConfig(options);
    const [{ diff }, { formatChange, formatConflicts }] = await Promise.all([
      import('../../infra/diff.js'),
      import('../../report/infra.js'),
    ]);
    const clients = await context.aws(config.aws.region);
    const report = await diff(clients, config, { clock: context.clock, signal: context.signal });
    if (options.json) {
      printJson(context, report);
      return EXIT_OK;
    }
    const s = style(context);
    line(context.stdout, `Account ${report.account}, ${report.region}`);
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
