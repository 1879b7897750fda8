import { EXIT_CHECK_FAILED, EXIT_OK, UserError } from '../../errors.js';
import { line, printJson, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

export default defineCommand<ReportFlags & { yes?: boolean; purge?: boolean; environment?: string }>({
  name: 'down',
  summary: 'delete the service and pipeline stacks; keeps the image repository, the logs and a shared OIDC provider',
  configure(command) {
    command.option('-y, --yes', 'delete without asking (required without a terminal, and with --json)');
    command.option('--purge', 'also delete the ECR repository with its images and the log group the stacks kept');
    command.option('--json', 'print one JSON document (progress goes to stderr)');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nLists what it deletes and keeps, then asks you to type the app name. Safe to re-run.\n\nExamples:\n  hatoba down\n  hatoba down --purge\n  hatoba down --yes --json\n  hatoba down --environment staging',
    );
  },
  async run(options, context) {
    const { config, environments } = await context.loadConfig(options);
    // Deleting needs a yes from someone: a person at a terminal, or --yes. --json is for programs, so it needs --yes.
    const prompter = options.yes === true || options.json === true ? undefined : await context.prompter();
    if (options.yes !== true && prompter === undefined) {
      throw new UserError(
        options.json === true
          ? 'hatoba down asks before it deletes anything, and with --json it does not ask'
          : 'hatoba down asks before it deletes anything, and there is no terminal to ask on',
        'Pass --yes to delete without asking (run hatoba down on a terminal first to see what it deletes and keeps).',
      );
    }
    try {
      const [{ down }, { stackProgress }, { formatPlan, formatDown }, { Progress }] = await Promise.all([
        import('../../infra/down.js'),
        import('../../report/infra.js'),
        import('../../report/down.js'),
        import('../../report/progress.js'),
      ]);
      const s = style(context);
      const progress = new Progress(options.json ? context.stderr : context.stdout, context);
      const clients = await context.aws(config.aws.region);
      // Ctrl-C stops hatoba, not CloudFormation: say which deletion goes on without it.
      let deleting: string | undefined;
      const onAbort = () => {
        if (deleting === undefined) return;
        line(
          context.stderr,
          `${deleting}: its deletion continues in CloudFormation; the stacks after it were not touched. Run hatoba down again to follow it and finish.`,
        );
      };
      context.signal.addEventListener('abort', onAbort, { once: true });
      const purge = options.purge === true;
      const report = await down(clients, config, {
        clock: context.clock,
        signal: context.signal,
        ...stackProgress(progress, s),
        purge,
        environments,
        cloudformationIn: async (region) => (await context.aws(region)).cloudformation,
        onDeleting: (stackName) => {
          deleting = stackName;
        },
        confirm: async (plan) => {
          progress.done();
          for (const text of formatPlan(plan, purge)) progress.line(text);
          if (prompter === undefined) return true;
          const answer = await prompter.ask(`Type ${config.app} to delete it`);
          return answer.trim() === config.app;
        },
      })
        .finally(() => progress.end())
        .finally(() => context.signal.removeEventListener('abort', onAbort));
      // A declined confirmation changed nothing, like a failed check (exit 1); "nothing to delete" is done (exit 0).
      const code = report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
      if (options.json) {
        printJson(context, report);
        return code;
      }
      if (report.stopped !== null) {
        line(report.ok ? context.stdout : context.stderr, report.stopped.message);
        if (report.stopped.hint !== null) line(context.stderr, `hint: ${report.stopped.hint}`);
        return code;
      }
      for (const text of formatDown(report, s)) line(context.stdout, text);
      if (!report.ok) {
        line(
          context.stderr,
          'hint: fix the cause above, then run hatoba down again: it retries the deletion, keeping only what failed to delete (see docs/troubleshooting.md)',
        );
      }
      return code;
    } finally {
      prompter?.close();
    }
  },
});
