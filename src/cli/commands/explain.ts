import { Option } from 'commander';
import { EXIT_OK, UserError } from '../../errors.js';
import type { ExplainPolicy, ExplainRequest } from '../../iam/explain.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { type CommandContext, defineCommand, withConfigOptions, withEnvironmentOption } from '../command.js';

interface ExplainOptions {
  event?: string;
  sub?: string;
  aud?: string;
  token?: string;
  role?: string;
  /** The old spelling of --role (hidden). */
  roleArn?: string;
  since?: string;
  providerArn?: string;
  trustPolicy?: string;
  config?: string;
  region?: string;
  environment?: string;
  json?: boolean;
}

export default defineCommand<ExplainOptions>({
  name: 'explain',
  summary: "explain why AssumeRoleWithWebIdentity was denied (a role's CloudTrail events, an event, sub or token)",
  configure(command) {
    command
      .option('--event <file>', 'CloudTrail record, log file (.json/.json.gz) or lookup-events output; - for stdin')
      .option('--sub <sub>', 'the token subject, e.g. repo:OWNER/REPO:ref:refs/heads/main')
      .option('--aud <aud>', 'the token audience (with --sub; default sts.amazonaws.com)')
      .option('--token <jwt>', 'a GitHub OIDC token to decode (never verified, never printed); - for stdin')
      .option('--role <name|arn>', "alone: read this role's failed calls from CloudTrail; with --sub/--token: its ARN")
      .addOption(new Option('--role-arn <arn>', 'the old spelling of --role').hideHelp())
      .option('--since <duration>', 'with --role: how far back to look in CloudTrail, e.g. 2h, 7d (default 24h)')
      .option('--provider-arn <arn>', 'the OIDC provider the token went to (with --sub or --token)')
      .option('--trust-policy <file>', 'trust policy JSON or `aws iam get-role` output; - for stdin')
      .option('--json', 'print one JSON document');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nWith --role (or only hatoba.yml), the failed calls are read from CloudTrail in the configured Region and\n' +
        "us-east-1, and explained against the role's live trust policy. Otherwise, without --trust-policy, the trust\n" +
        'policy hatoba generates from hatoba.yml is used. With `environments`, that is the deploy role of\n' +
        '--environment NAME (or of the environment whose role --role names).\n\nExamples:\n' +
        '  hatoba explain --role web-github-deploy --since 2h\n' +
        '  hatoba explain --event event.json --trust-policy role.json\n' +
        '  aws iam get-role --role-name web-github-deploy > role.json\n' +
        '  hatoba explain --sub repo:octo-org/web:environment:production\n' +
        '  hatoba explain --event trail.json.gz --json',
    );
  },
  async run(options, context) {
    if (options.role !== undefined && options.roleArn !== undefined) {
      throw new UserError('--role-arn is the old spelling of --role: give one of them');
    }
    const role = options.role ?? options.roleArn;
    const roleFlag = options.role === undefined ? '--role-arn' : '--role';
    const sources = [options.event, options.sub, options.token].filter((value) => value !== undefined);
    if (sources.length > 1) {
      throw new UserError(
        'give only one of --event, --sub and --token',
        'Pass --role NAME (its failed calls from CloudTrail), --event FILE, --sub SUB [--aud AUD], or --token JWT.',
      );
    }
    if (sources.length === 0) return explainFromCloudTrail(options, context, role, roleFlag);
    if (options.since !== undefined) {
      throw new UserError('--since goes with a CloudTrail lookup (--role without --event, --sub or --token)');
    }
    if (role !== undefined && !role.startsWith('arn:')) {
      throw new UserError(
        `${roleFlag} with --event, --sub or --token takes the role's ARN (got ${JSON.stringify(role)})`,
        "Pass arn:aws:iam::ACCOUNT:role/NAME, or drop --event/--sub/--token to look the role's calls up in CloudTrail.",
      );
    }
    const { explain } = await import('../../iam/explain.js');
    if (options.event === '-' && options.trustPolicy === '-') {
      throw new UserError('--event and --trust-policy cannot both read standard input (-)');
    }
    if (options.aud !== undefined && options.sub === undefined) throw new UserError('--aud goes with --sub');

    const requests = await claimRequests(options, context, role);
    // With environments and none named, the role the call was for (--role, else the event's) picks the environment.
    const { trust, warnings } = await trustPolicyFor(options, context, role ?? requests[0]?.roleArn);
    const results = requests.map((request) => explain(request, trust));

    if (options.json) {
      const { explanationJson } = await import('../../report/explain.js');
      printJson(context, {
        trustPolicy: trust.source,
        warnings,
        results: results.map((result) => explanationJson(result, context.lang)),
      });
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

/**
 * `--role` alone (or nothing but hatoba.yml): the role's failed calls from CloudTrail, explained against its live
 * trust policy (or --trust-policy FILE). The Region is hatoba.yml's (--region overrides), else AWS_REGION.
 */
async function explainFromCloudTrail(
  options: ExplainOptions,
  context: CommandContext,
  role: string | undefined,
  roleFlag: string,
): Promise<number> {
  if (options.aud !== undefined) throw new UserError('--aud goes with --sub');
  if (options.providerArn !== undefined) throw new UserError('--provider-arn goes with --sub or --token');
  // With `environments`, the default role is the chosen environment's deploy role.
  const loaded = await context
    .loadConfig({ config: options.config, region: options.region, environment: options.environment })
    .catch((error: unknown) => {
      // Without hatoba.yml, --role and a Region are enough.
      if (role !== undefined && error instanceof UserError && error.message.startsWith('No hatoba.yml'))
        return undefined;
      if (error instanceof UserError && error.message.startsWith('No hatoba.yml')) {
        throw new UserError(
          'explain needs the claims to check, or a role whose calls to look up',
          'Pass --role NAME|ARN (its failed calls from CloudTrail), --event FILE, --sub SUB [--aud AUD], or --token JWT; ' +
            'with a hatoba.yml, explain alone looks up its deploy role.',
        );
      }
      throw error;
    });
  const region =
    loaded?.config.aws.region ?? options.region ?? context.env.AWS_REGION ?? context.env.AWS_DEFAULT_REGION;
  if (region === undefined || region === '') {
    throw new UserError(
      `${roleFlag} needs the Region the workflow called STS in`,
      "Pass --region with the `aws-region` of the workflow's configure-aws-credentials step (or set AWS_REGION).",
    );
  }
  const [{ parseRoleRef }, { deployRoleArn }, { parseDuration }, { explainRole }] = await Promise.all([
    import('../../iam/role-ref.js'),
    import('../../naming.js'),
    import('../duration.js'),
    import('../../iam/explain-role.js'),
  ]);
  const ref =
    role === undefined
      ? parseRoleRef(deployRoleArn((loaded as NonNullable<typeof loaded>).config), 'aws.account/app in hatoba.yml')
      : parseRoleRef(role, roleFlag);
  const sinceMs = parseDuration(options.since ?? '24h', '--since');
  if (sinceMs <= 0) throw new UserError('--since must be longer than 0s', 'Use e.g. --since 2h or --since 7d.');
  const trustPolicy =
    options.trustPolicy === undefined
      ? undefined
      : await (await import('../../iam/trust-input.js')).trustPolicyFromFile(options.trustPolicy, context.cwd);
  const explanation = await explainRole({
    role: ref,
    region,
    sinceMs,
    trustPolicy,
    clients: (inRegion) => context.aws(inRegion),
    clock: context.clock,
    signal: context.signal,
  });
  if (options.json) {
    const { explanationJson } = await import('../../report/explain.js');
    printJson(context, {
      ...explanation,
      results: explanation.results.map((result) => explanationJson(result, context.lang)),
    });
    return EXIT_OK;
  }
  const { printRoleExplanation } = await import('../../report/explain-role.js');
  printRoleExplanation(context.stdout, style(context), explanation);
  return EXIT_OK;
}

async function claimRequests(
  options: ExplainOptions,
  context: CommandContext,
  roleArn: string | undefined,
): Promise<ExplainRequest[]> {
  const { INPUT_LIMITS, readInput, withFlag } = await import('../../fs/read-input.js');
  const inputs = await import('../../iam/explain-inputs.js');
  const overrides = { roleArn, providerArn: options.providerArn };
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
  roleArn: string | undefined,
): Promise<{ trust: ExplainPolicy; warnings: string[] }> {
  const inputs = await import('../../iam/trust-input.js');
  if (options.trustPolicy !== undefined) return inputs.trustPolicyFromFile(options.trustPolicy, context.cwd);
  const loaded = await context
    .loadConfig({
      config: options.config,
      region: options.region,
      environment: options.environment,
      anyEnvironment: true,
    })
    .catch((error: unknown) => {
      if (error instanceof UserError && error.message.startsWith('No hatoba.yml')) {
        throw new UserError(
          'explain needs a trust policy: pass --trust-policy FILE, or --config hatoba.yml to use the generated one',
          error.message,
        );
      }
      throw error;
    });
  const { ENVIRONMENT_VARIABLE } = await import('../../config/load.js');
  const named = options.environment !== undefined || (context.env[ENVIRONMENT_VARIABLE] ?? '') !== '';
  return inputs.generatedTrustFor(loaded, context.cwd, { named, roleArn });
}
