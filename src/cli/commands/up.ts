import { EXIT_CHECK_FAILED, EXIT_OK } from '../../errors.js';
import { line, printJson, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions } from '../command.js';

export default defineCommand<ReportFlags>({
  name: 'up',
  summary: 'create or update the AWS side: OIDC provider, deploy role, ECR repository, ECS service and load balancer',
  configure(command) {
    command.option('--json', 'print one JSON document (progress goes to stderr)');
    withConfigOptions(command);
    command.addHelpText(
      'after',
      '\nRun `hatoba diff` first to see the changes. Safe to re-run: it never rolls the service back.\n\nExamples:\n  hatoba up\n  AWS_PROFILE=prod hatoba up --json',
    );
  },
  async run(options, context) {
    const { config } = await context.loadConfig(options);
    const [{ up }, { stackProgress, formatFailure }, { Progress }] = await Promise.all([
      import('../../infra/up.js'),
      import('../../report/infra.js'),
      import('../../report/progress.js'),
    ]);
    const s = style(context);
    // With --json, stdout carries only the report; progress still reaches a person on stderr.
    const progress = new Progress(options.json ? context.stderr : context.stdout, context);
    const clients = await context.aws(config.aws.region);
    const report = await up(clients, config, {
      clock: context.clock,
      signal: context.signal,
      ...stackProgress(progress, s),
    }).finally(() => progress.end());
    if (options.json) {
      printJson(context, report);
      return report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
    }

    for (const stack of report.stacks) {
      const mark = stack.action === 'failed' ? s.bad('✗') : s.ok('✓');
      line(context.stdout, `${mark} ${stack.stackName}: ${stack.action} (${stack.status})`);
      if (stack.failure !== undefined) line(context.stdout, `  first failure: ${formatFailure(stack.failure)}`);
    }
    if (!report.ok) {
      line(
        context.stderr,
        'hint: fix the cause above, then run hatoba up again (a stack whose creation failed is deleted and created ' +
          'again; see docs/troubleshooting.md)',
      );
      return EXIT_CHECK_FAILED;
    }
    line(context.stdout);
    line(context.stdout, s.bold('Outputs'));
    const width = Math.max(...Object.keys(report.outputs).map((key) => key.length));
    for (const [key, value] of Object.entries(report.outputs)) line(context.stdout, `  ${key.padEnd(width)}  ${value}`);
    line(context.stdout);
    line(context.stdout, s.bold('Next'));
    for (const step of report.nextSteps) line(context.stdout, `  ${step}`);
    return EXIT_OK;
  },
});
