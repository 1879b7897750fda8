import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

interface DoctorOptions extends ReportFlags {
  dir?: string;
}

export default defineCommand<DoctorOptions>({
  name: 'doctor',
  summary: 'check the live AWS setup against hatoba.yml and the workflows (read-only): ok / warn / fail with the fix',
  configure(command) {
    command
      .option('--dir <dir>', 'repository root whose workflows are checked (default: .)')
      .option('--json', 'print one JSON document: {"checks": [{"id", "status", "message", "fix"}]}');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText('after', '\nExamples:\n  hatoba doctor\n  hatoba doctor --json');
  },
  async run(options, context) {
    const [{ runDoctor }, report, output, errors] = await Promise.all([
      import('../../doctor/doctor.js'),
      import('../../report/doctor.js'),
      import('../../report/output.js'),
      import('../../errors.js'),
    ]);
    const loaded = await context.loadConfig(options);
    const result = await runDoctor({
      config: loaded.config,
      configPath: loaded.path,
      clients: await context.aws(loaded.config.aws.region),
      dir: options.dir ?? '.',
      cwd: context.cwd,
      signal: context.signal,
    });
    // With --json, stdout carries only the document; the runner reads workflow commands from stderr too.
    if (output.inGitHubActions(context.env)) {
      report.annotateChecks(options.json ? context.stderr : context.stdout, result.checks, context.lang);
    }
    if (options.json) {
      output.printJson(context, { checks: result.checks.map((check) => report.checkJson(check, context.lang)) });
    } else report.printDoctorReport(context.stdout, output.style(context), result);
    return result.failed ? errors.EXIT_CHECK_FAILED : errors.EXIT_OK;
  },
});
