import { EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE } from '../../errors.js';
import { line, printJson, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

export default defineCommand<ReportFlags & { adopt?: boolean; environment?: string }>({
  name: 'up',
  summary: 'create or update the AWS side: OIDC provider, deploy role, ECR repository, ECS service and load balancer',
  configure(command) {
    command.option('--json', 'print one JSON document (progress goes to stderr)');
    command.option(
      '--adopt',
      'import resources that already exist under hatoba’s names (ECR repository, log group, cluster, roles) into the stacks',
    );
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nRun `hatoba diff` first to see the changes. Safe to re-run: it never rolls the service back.\n\nExamples:\n  hatoba up\n  hatoba up --adopt\n  AWS_PROFILE=prod hatoba up --json\n  AWS_PROFILE=prod hatoba up --environment production',
    );
  },
  async run(options, context) {
    const loaded = await context.loadConfig(options);
    const { config, environments } = loaded;
    const [{ up }, { stackProgress, formatFailure, formatAdoption }, { Progress }] = await Promise.all([
      import('../../infra/up.js'),
      import('../../report/infra.js'),
      import('../../report/progress.js'),
    ]);
    const s = style(context);
    // With --json, stdout carries only the report; progress still reaches a person on stderr.
    const progress = new Progress(options.json ? context.stderr : context.stdout, context);
    const clients = await context.aws(config.aws.region);
    const pipeline = await (await import('../pipeline-clients.js')).pipelineClients(
      context,
      config,
      environments,
      clients,
    );
    const report = await up(clients, config, {
      clock: context.clock,
      signal: context.signal,
      ...stackProgress(progress, s),
      adopt: options.adopt === true,
      environments,
      pipelineClients: pipeline,
      // On a terminal a person confirms the import; elsewhere --adopt is the explicit consent.
      confirmAdoption: async (adoption) => {
        // The live line must not sit on the question.
        progress.done();
        for (const text of formatAdoption(adoption)) progress.line(text);
        const prompter = options.json ? undefined : await context.prompter();
        if (prompter === undefined) return true;
        try {
          return /^y(es)?$/i.test((await prompter.ask('Import them and continue? (y/N)', 'N')).trim());
        } finally {
          prompter.close();
        }
      },
    }).finally(() => progress.end());
    // Conflicts and unsafe adoptions are input to fix (exit 2); a declined adoption changed nothing (exit 1).
    const stoppedCode = report.stopped?.reason === 'declined' ? EXIT_CHECK_FAILED : EXIT_USAGE;
    if (options.json) {
      printJson(context, report);
      if (report.stopped !== null) return stoppedCode;
      return report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
    }
    if (report.stopped !== null) {
      line(context.stderr, `${report.stopped.reason === 'declined' ? '' : 'error: '}${report.stopped.message}`);
      line(context.stderr, `hint: ${report.stopped.hint}`);
      return stoppedCode;
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
