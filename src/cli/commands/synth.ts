import { resolve } from 'node:path';
import { EXIT_OK } from '../../errors.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

interface SynthOptions extends ReportFlags {
  out: string;
  environment?: string;
  existingOidcProvider?: boolean;
}

/** Joins items with ", " into lines of at most `width` characters. */
function wrap(items: readonly string[], width: number): string[] {
  const rows: string[] = [];
  for (const item of items) {
    const last = rows.at(-1);
    if (last !== undefined && last.length + item.length + 2 <= width) rows[rows.length - 1] = `${last}, ${item}`;
    else rows.push(item);
  }
  return rows;
}

export default defineCommand<SynthOptions>({
  name: 'synth',
  summary: 'write the CloudFormation templates and the deploy role policies, offline',
  configure(command) {
    command
      .option('-o, --out <dir>', 'directory to write into', 'hatoba.out')
      .option('--existing-oidc-provider', "reuse the account's GitHub OIDC provider instead of creating one")
      .option('--json', 'print one JSON document');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nExamples:\n  hatoba synth\n  hatoba synth --out build/aws --json\n  hatoba synth --environment production',
    );
  },
  async run(options, context) {
    const loaded = await context.loadConfig(options);
    const { config } = loaded;
    const [{ synthesize, writeSynthesis, TEMPLATE_BODY_LIMIT }, { displayPath }] = await Promise.all([
      import('../../infra/synth.js'),
      import('../../fs/display-path.js'),
    ]);
    const synthesis = await synthesize(config, {
      existingOidcProvider: options.existingOidcProvider ?? false,
      environments: loaded.environments,
    });
    const dir = resolve(context.cwd, options.out);
    const shown = (path: string) => displayPath(context.cwd, path);
    // After Ctrl-C nothing is written: main has already said "Interrupted".
    const files = await writeSynthesis(dir, synthesis, { display: shown, signal: context.signal });
    // The trust policy's warnings and the configuration's (credentials in plain environment), each once.
    const warnings = [...new Set([...synthesis.warnings, ...loaded.warnings])];
    const stacks = [synthesis.pipeline, synthesis.service].map((stack) => ({
      stackName: stack.stackName,
      bytes: Buffer.byteLength(stack.body, 'utf8'),
      resources: stack.resources,
    }));

    if (options.json) {
      printJson(context, {
        out: dir,
        files,
        stacks,
        templateBodyLimit: TEMPLATE_BODY_LIMIT,
        trustedSubjects: synthesis.trustedSubjects,
        ...(synthesis.environment === undefined ? {} : { environment: synthesis.environment.name }),
        ...(synthesis.pushRole === undefined ? {} : { pushRoleTrustedSubjects: synthesis.pushRole.trustedSubjects }),
        warnings,
      });
      return EXIT_OK;
    }
    const s = style(context);
    line(context.stdout, `${s.ok('✓')} Synthesized ${config.app} (offline, no credentials) into ${shown(dir)}/`);
    for (const [i, stack] of stacks.entries()) {
      const path = i === 0 ? files.pipeline : files.service;
      const count = Object.values(stack.resources).reduce((sum, n) => sum + n, 0);
      line(
        context.stdout,
        `  ${shown(path)}  ${count} resources, ${stack.bytes.toLocaleString('en')} of ${TEMPLATE_BODY_LIMIT.toLocaleString('en')} bytes`,
      );
      const types = Object.entries(stack.resources).map(([type, n]) => (n > 1 ? `${type} ×${n}` : type));
      for (const row of wrap(types, 104)) line(context.stdout, s.dim(`      ${row}`));
    }
    line(context.stdout, `  ${shown(files.trustPolicy)}  trusts sub: ${synthesis.trustedSubjects.join(', ')}`);
    line(
      context.stdout,
      `  ${shown(files.permissionsPolicy)}  ${synthesis.permissionsPolicy.Statement.length} statements`,
    );
    const push = synthesis.pushRole;
    if (
      push !== undefined &&
      files.pushRoleTrustPolicy !== undefined &&
      files.pushRolePermissionsPolicy !== undefined
    ) {
      line(context.stdout, `  ${shown(files.pushRoleTrustPolicy)}  trusts sub: ${push.trustedSubjects.join(', ')}`);
      line(
        context.stdout,
        `  ${shown(files.pushRolePermissionsPolicy)}  ${push.permissionsPolicy.Statement.length} statements`,
      );
    }
    if (synthesis.repositoryPolicy !== undefined && files.repositoryPolicy !== undefined) {
      // Each statement's principal is one account, `arn:PARTITION:iam::ACCOUNT:root`.
      const accounts = synthesis.repositoryPolicy.Statement.map((statement) =>
        typeof statement.Principal === 'object' ? String(statement.Principal.AWS).split(':')[4] : '',
      );
      line(context.stdout, `  ${shown(files.repositoryPolicy)}  pull from account ${accounts.join(', ')}`);
    }
    printWarnings(context.stderr, s, warnings);
    line(context.stdout);
    const flag = synthesis.environment === undefined ? '' : ` --environment ${synthesis.environment.name}`;
    line(
      context.stdout,
      `Next: ${s.bold(`hatoba diff${flag}`)} to compare with your account, ${s.bold(`hatoba up${flag}`)} to apply.`,
    );
    return EXIT_OK;
  },
});
