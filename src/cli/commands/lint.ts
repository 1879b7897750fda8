import { defineCommand } from '../command.js';

export interface LintOptions {
  dir?: string;
  config?: string;
  trustPolicy?: string;
  json?: boolean;
  actionlint?: boolean;
}

export default defineCommand<LintOptions>({
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
    const { runLintCommand } = await import('../../github/lint/lint-command.js');
    return runLintCommand(options, context);
  },
});
