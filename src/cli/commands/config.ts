import { Argument } from 'commander';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../../errors.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

export default defineCommand<ReportFlags>({
  name: 'config',
  summary: 'validate hatoba.yml and print the resolved configuration, or print its JSON Schema',
  configure(command) {
    command
      .addArgument(new Argument('<action>', 'validate | schema').choices(['validate', 'schema']))
      .option('--json', 'print one JSON document');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nWith `environments`, validate checks every environment and lists them; the configuration printed is the\n' +
        "first one's, or --environment NAME's.\n\nExamples:\n  hatoba config validate\n" +
        '  hatoba config validate --environment production\n' +
        '  hatoba config validate --config examples/hello-service/hatoba.yml --json\n  hatoba config schema > hatoba.schema.json',
    );
  },
  async run(options, context, [action]) {
    if (action === 'schema') {
      const { configJsonSchema } = await import('../../config/json-schema.js');
      printJson(context, configJsonSchema());
      return EXIT_OK;
    }
    const { ConfigError } = await import('../../config/load.js');
    const { hideCredentials } = await import('../../config/credentials.js');
    const { stringify } = await import('yaml');
    const { summarizeEnvironments } = await import('../../config/environment-summary.js');
    try {
      // Every environment is validated either way; without a name the first one's configuration is printed.
      const loaded = await context.loadConfig({ ...options, anyEnvironment: true });
      // The resolved configuration is printed back, so values that look like credentials are hidden first.
      const { container } = loaded.config.ecs;
      const shown = {
        ...loaded.config,
        ecs: { ...loaded.config.ecs, container: { ...container, environment: hideCredentials(container.environment) } },
      };
      const { warnings } = loaded;
      const environments = summarizeEnvironments(loaded);
      const chosen = loaded.config.environment;
      if (options.json) {
        printJson(context, {
          valid: true,
          file: loaded.path,
          ...(chosen === undefined ? {} : { environment: chosen.name, build: chosen.build }),
          environments,
          config: shown,
          overrides: loaded.overrides,
          warnings,
        });
        return EXIT_OK;
      }
      const s = style(context);
      const report = await import('../../report/config.js');
      const { configValid, overriddenBy } = await import('../../report/config-error.js');
      line(context.stdout, `${s.ok('✓')} ${configValid(loaded.path, s.lang)}`);
      if (chosen !== undefined) report.printEnvironments(context.stdout, s, environments, chosen.build, chosen.name);
      for (const [key, origin] of Object.entries(loaded.overrides)) {
        line(context.stdout, s.dim(`  ${overriddenBy(key, origin.name, s.lang)}`));
      }
      printWarnings(context.stderr, s, warnings);
      if (chosen === undefined) line(context.stderr, s.dim(report.SPLIT_HINT));
      line(context.stdout);
      context.stdout.write(stringify(shown));
      return EXIT_OK;
    } catch (error) {
      // The file being checked is wrong: that is this command's finding (exit 1), not a usage error.
      if (!(error instanceof ConfigError)) throw error;
      const report = await import('../../report/config-error.js');
      if (options.json) {
        const problems = error.problems.map((problem) => report.problemJson(problem, context.lang));
        printJson(context, { valid: false, file: error.file, problemCount: error.total, problems });
      } else {
        const words = report.configErrorWords(error, context.lang);
        line(context.stderr, `${style(context).bad('✗')} ${words.message}`);
        if (words.hint) line(context.stderr, `${words.hintLabel} ${words.hint}`);
      }
      return EXIT_CHECK_FAILED;
    }
  },
});
