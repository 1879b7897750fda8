import { EXIT_OK, UserError } from '../../errors.js';
import type { ExplainPolicy, ExplainRequest } from '../../iam/explain.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { type CommandContext, defineCommand, withConfigOptions } from '../command.js';

interface ExplainOptions {
  event?: string;
  sub?: string;
  aud?: string;
  token?: string;
  roleArn?: string;
  providerArn?: string;
  trustPolicy?: string;
  config?: string;
  region?: string;
  json?: boolean;
}

export default defineCommand<ExplainOptions>({
  name: 'explain',
  summary: 'explain why AssumeRoleWithWebIdentity was denied (CloudTrail event, sub or token vs the trust policy)',
  configure(command) {
    command
      .option('--event <file>', 'CloudTrail record, log file (.json/.json.gz) or lookup-events output; - for stdin')
      .option('--sub <sub>', 'the token subject, e.g. repo:OWNER/REPO:ref:refs/heads/main')
      .option('--aud <aud>', 'the token audience (with --sub; default sts.amazonaws.com)')
      .option('--token <jwt>', 'a GitHub OIDC token to decode (never verified, never printed); - for stdin')
      .option('--role-arn <arn>', 'the role that was assumed (with --sub or --token)')
      .option('--provider-arn <arn>', 'the OIDC provider the token went to (with --sub or --token)')
      .option('--trust-policy <file>', 'trust policy JSON or `aws iam get-role` output; - for stdin')
      .option('--json', 'print one JSON document');
    withConfigOptions(command);
    command.addHelpText(
      'after',
      '\nWithout --trust-policy, the trust policy hatoba generates from hatoba.yml is used.\n\nExamples:\n' +
        '  hatoba explain --event event.json --trust-policy role.json\n' +
        '  aws iam get-role --role-name web-github-deploy > role.json\n' +
        '  hatoba explain --sub repo:octo-org/web:environment:production\n' +
        '  hatoba explain --event trail.json.gz --json',
    );
  },
  async run(options, context) {
    const { explain } = await import('../../iam/explain.js');
    const sources = [options.event, options.sub, options.token].filter((value) => value !== undefined);
    if (sources.length !== 1) {
      throw new UserError(
        sources.length === 0 ? 'explain needs the claims to check' : 'give only one of --event, --sub and --token',
        'Pass --event FILE (a CloudTrail record), --sub SUB [--aud AUD], or --token JWT.',
      );
    }
    if (options.event === '-' && options.trustPolicy === '-') {
      throw new UserError('--event and --trust-policy cannot both read standard input (-)');
    }
    if (options.aud !== undefined && options.sub === undefined) throw new UserError('--aud goes with --sub');

    const requests = await claimRequests(options, context);
    const { trust, warnings } = await trustPolicyFor(options, context);
    const results = requests.map((request) => explain(request, trust));

    if (options.json) {
      printJson(context, { trustPolicy: trust.source, warnings, results });
      return EXIT_OK;
    }
    const s = style(context);
    printWarnings(context.stdout, s, warnings);
    if (warnings.length > 0) line(context.stdout);
    const { printExplanation } = await import('../../report/explain.js');
    for (const result of results) printExplanation(context.stdout, s, result, trust.source);
    return EXIT_OK;
  },
});

async function claimRequests(options: ExplainOptions, context: CommandContext): Promise<ExplainRequest[]> {
  const { INPUT_LIMITS, readInput, withFlag } = await import('../../fs/read-input.js');
  const inputs = await import('../../iam/explain-inputs.js');
  const overrides = { roleArn: options.roleArn, providerArn: options.providerArn };
  if (options.event !== undefined) {
    const bytes = await readInput(options.event, '--event', context.cwd, process.stdin, INPUT_LIMITS.eventBytes);
    const source = options.event === '-' ? '--event (stdin)' : options.event;
    return withFlag('--event', () => inputs.requestsFromEvent(bytes, source, overrides));
  }
  if (options.sub !== undefined) return [inputs.requestFromSubject(options.sub, options.aud, overrides)];
  const token =
    options.token === '-' ? (await readInput('-', '--token', context.cwd)).toString('utf8') : (options.token ?? '');
  return [await inputs.requestFromToken(token, overrides, context.clock.now())];
}

async function trustPolicyFor(
  options: ExplainOptions,
  context: CommandContext,
): Promise<{ trust: ExplainPolicy; warnings: string[] }> {
  const inputs = await import('../../iam/trust-input.js');
  if (options.trustPolicy !== undefined) return inputs.trustPolicyFromFile(options.trustPolicy, context.cwd);
  const loaded = await context
    .loadConfig({ config: options.config, region: options.region })
    .catch((error: unknown) => {
      if (error instanceof UserError && error.message.startsWith('No hatoba.yml')) {
        throw new UserError(
          'explain needs a trust policy: pass --trust-policy FILE, or --config hatoba.yml to use the generated one',
          error.message,
        );
      }
      throw error;
    });
  return inputs.generatedTrustPolicy(loaded, context.cwd);
}
