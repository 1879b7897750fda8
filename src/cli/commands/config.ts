import { Argument } from 'commander';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../../errors.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions } from '../command.js';

export default defineCommand<ReportFlags>({
  name: 'config',
  summary: 'validate hatoba.yml and print the resolved configuration, or print its JSON Schema',
  configure(command) {
    command
      .addArgument(new Argument('<action>', 'validate | schema').choices(['validate', 'schema']))
      .option('--json', 'print one JSON document');
    withConfigOptions(command);
    command.addHelpText(
      'after',
      '\nExamples:\n  hatoba config validate\n  hatoba config validate --config examples/hello-service/hatoba.yml --json\n  hatoba config schema > hatoba.schema.json',
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
    try {
      const loaded = await context.loadConfig(options);
      // The resolved configuration is printed back, so values that look like credentials are hidden first.
      const { container } = loaded.config.ecs;
      const shown = {
        ...loaded.config,
        ecs: { ...loaded.config.ecs, container: { ...container, environment: hideCredentials(container.environment) } },
      };
      const { warnings } = loaded;
      if (options.json) {
        printJson(context, { valid: true, file: loaded.path, config: shown, overrides: loaded.overrides, warnings });
        return EXIT_OK;
      }
      const s = style(context);
      const { configValid, overriddenBy } = await import('../../report/config-error.js');
      line(context.stdout, `${s.ok('✓')} ${configValid(loaded.path, s.lang)}`);
      for (const [key, origin] of Object.entries(loaded.overrides)) {
        line(context.stdout, s.dim(`  ${overriddenBy(key, origin.name, s.lang)}`));
      }
      printWarnings(context.stderr, s, warnings);
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
