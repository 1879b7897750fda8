import { relative } from 'node:path';
import { type Command, Option } from 'commander';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../../errors.js';
import type { GitHubEventName } from '../../oidc/claims.js';
import { REHEARSE_EVENTS } from '../../rehearse/trigger.js';
import { printJson, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions } from '../command.js';

interface RehearseOptions extends Omit<ReportFlags, 'environment'> {
  event?: GitHubEventName;
  ref?: string;
  environment?: string | false;
  trustPolicy?: string;
  cache: boolean;
  keepRegistryData?: boolean;
  healthTimeout: string;
  registryImage: string;
}

/**
 * Makes `first` and `second` exclusive. For a flag and its `--no-` form commander's `.conflicts()` cannot help: both
 * set the same option value, so it cannot tell which was given, and the last one would silently win.
 */
function refuseBoth(command: Command, first: string, second: string): void {
  const given: string[] = [];
  for (const flags of [first, second]) {
    const name = (flags.split(' ')[0] ?? flags).replace(/^--/, '');
    command.on(`option:${name}`, () => {
      given.push(flags);
      const other = given.find((option) => option !== flags);
      if (other !== undefined) {
        command.error(`error: option '${other}' cannot be used with option '${flags}'`, {
          code: 'commander.conflictingOption',
        });
      }
    });
  }
}

export default defineCommand<RehearseOptions>({
  name: 'rehearse',
  summary: 'run the whole pipeline locally: OIDC token → trust check → build → push → run → health check → stop',
  configure(command) {
    command
      .addOption(
        new Option('--event <name>', 'the trigger whose token to rehearse (default push)').choices(REHEARSE_EVENTS),
      )
      .option('--ref <ref>', 'the ref it runs on, e.g. refs/heads/main, refs/tags/v1 or a branch name')
      .option(
        '--environment <name>',
        "with `environments`: which one (its deploy job and role); else the job's `environment:` (default: github.environment)",
      )
      .option(
        '--no-environment',
        'rehearse a job without `environment:` (with `environments`: the build job and push role)',
      )
      .option('--trust-policy <file>', 'check against this trust policy (JSON or `aws iam get-role` output)')
      .option('--no-cache', 'build every layer, as a runner without a build cache does')
      .option('--keep-registry-data', 'keep the registry storage between runs (as ECR keeps earlier images)')
      .option('--health-timeout <duration>', 'give up on the health check after this long', '2m')
      .option('--registry-image <image>', 'the distribution registry image to run', 'registry:2')
      .option('--json', 'print one JSON document');
    refuseBoth(command, '--environment <name>', '--no-environment');
    withConfigOptions(command);
    command.addHelpText(
      'after',
      '\nNeeds a Docker Engine; never calls AWS. Secrets are not fetched: the container gets placeholders.\n\n' +
        'Examples:\n' +
        '  hatoba rehearse\n' +
        '  hatoba rehearse --config examples/hello-service/hatoba.yml --json\n' +
        '  hatoba rehearse --event pull_request            # would a pull request be allowed to deploy?\n' +
        '  hatoba rehearse --environment staging --trust-policy role.json\n' +
        "  hatoba rehearse --environment production --ref refs/heads/main   # with environments: production's job and role",
    );
  },
  async run(options, context) {
    const all = await context.loadConfig({ config: options.config, region: options.region, anyEnvironment: true });
    const [{ ENVIRONMENT_VARIABLE }, { rehearsalTarget }] = await Promise.all([
      import('../../config/load.js'),
      import('../../rehearse/target.js'),
    ]);
    const named = (context.env[ENVIRONMENT_VARIABLE] ?? '') !== '';
    const target = rehearsalTarget(all, options.environment, { named, cwd: context.cwd });
    const { loaded } = target;
    const { parseDuration } = await import('../duration.js');
    const healthTimeoutSeconds = parseDuration(options.healthTimeout, '--health-timeout') / 1000;
    const inputs = await import('../../iam/trust-input.js');
    const trust =
      options.trustPolicy === undefined
        ? target.trust()
        : await inputs.trustPolicyFromFile(options.trustPolicy, context.cwd);
    const { rehearse } = await import('../../rehearse/pipeline.js');
    const [{ rehearsalProgress, printOutcome }, { Progress }] = await Promise.all([
      import('../../report/rehearse.js'),
      import('../../report/progress.js'),
    ]);

    const s = style(context);
    // With --json, stdout carries only the report; progress still reaches a person (or a CI log) on stderr.
    const progress = new Progress(options.json ? context.stderr : context.stdout, context);
    const rehearsal = rehearse(
      {
        loaded,
        trigger: { event: options.event, ref: options.ref, environment: target.environment },
        trust,
        noCache: !options.cache,
        keepRegistryData: options.keepRegistryData === true,
        healthTimeoutSeconds,
        registryImage: options.registryImage,
      },
      {
        docker: await context.docker(),
        env: context.env,
        signal: context.signal,
        clock: context.clock,
        cwd: context.cwd,
        ...rehearsalProgress(
          progress,
          s,
          (job) => `Rehearsing ${loaded.config.app} (${relative(context.cwd, loaded.path)}): ${job}`,
        ),
      },
    ).finally(() => progress.end());
    // Ctrl-C: the rehearsal removes what it started before it settles; the 130 waits for that.
    const unregister = context.onInterrupt(async () => {
      await rehearsal.catch(() => undefined);
    });
    const report = await rehearsal.finally(unregister);
    if (options.json)
      printJson(context, (await import('../../report/rehearse.js')).rehearsalJson(report, context.lang));
    else printOutcome(context.stdout, s, report);
    return report.verdict === 'passed' ? EXIT_OK : EXIT_CHECK_FAILED;
  },
});
