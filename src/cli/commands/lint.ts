import type { LoadedConfig } from '../../config/load.js';
import { type CommandContext, defineCommand } from '../command.js';

export interface LintFlags {
  dir?: string;
  config?: string;
  trustPolicy?: string;
  json?: boolean;
  actionlint?: boolean;
}

export default defineCommand<LintFlags>({
  name: 'lint',
  summary: 'check GitHub workflows for OIDC pitfalls (actionlint + hatoba rules, cross-checked with the trust policy)',
  configure(command) {
    command
      .option('--dir <dir>', 'repository root (reads .github/workflows) or a workflows directory (default: .)')
      .option('-c, --config <file>', 'hatoba.yml whose trust policy the workflows must satisfy (default: nearest)')
      .option('--trust-policy <file>', 'trust policy JSON (or `aws iam get-role` output) to check against instead')
      .option('--no-actionlint', 'skip actionlint, run only hatoba rules')
      .option('--json', 'print one JSON document: {"findings": [...]}');
    command.addHelpText(
      'after',
      '\nExamples:\n  hatoba lint\n  hatoba lint --trust-policy role-trust.json\n  hatoba lint --dir ../other-repo --json',
    );
  },
  async run(options, context) {
    const [{ lintRepository }, { annotateFindings, findingJson, printLintResult }, output, errors] = await Promise.all([
      import('../../github/lint/lint-repository.js'),
      import('../../report/lint.js'),
      import('../../report/output.js'),
      import('../../errors.js'),
    ]);
    const result = await lintRepository({
      dir: options.dir ?? '.',
      cwd: context.cwd,
      config: (dir) => optionalConfig(options, context, dir),
      trustPolicyFile: options.trustPolicy,
      actionlint: options.actionlint,
      signal: context.signal,
    });
    const failed = result.findings.some((f) => f.severity === 'error');
    // With --json, stdout carries only the document; the runner reads workflow commands from stderr too.
    if (output.inGitHubActions(context.env)) {
      annotateFindings(options.json ? context.stderr : context.stdout, result.findings, context.lang);
    }
    if (options.json) {
      output.printJson(context, { findings: result.findings.map((f) => findingJson(f, context.lang)) });
    } else printLintResult(context, output.style(context), result);
    return failed ? errors.EXIT_CHECK_FAILED : errors.EXIT_OK;
  },
});

/**
 * `--config` and HATOBA_CONFIG must name a file (a missing one would silently skip the trust checks); otherwise the
 * nearest hatoba.yml is used when there is one, and its absence is fine.
 */
async function optionalConfig(
  options: LintFlags,
  context: CommandContext,
  dir: string,
): Promise<LoadedConfig | undefined> {
  if (options.config !== undefined || context.env.HATOBA_CONFIG !== undefined) {
    return context.loadConfig({ config: options.config, anyEnvironment: true });
  }
  const [{ findConfigFile }, { UserError }] = await Promise.all([
    import('../../config/load.js'),
    import('../../errors.js'),
  ]);
  let path: string;
  try {
    path = await findConfigFile({ cwd: dir, env: context.env });
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
  // Every environment's jobs are checked, each against its own role: no environment to choose.
  return context.loadConfig({ config: path, anyEnvironment: true });
}
