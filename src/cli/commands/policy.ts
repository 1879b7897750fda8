import { EXIT_OK } from '../../errors.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions } from '../command.js';

export default defineCommand<ReportFlags>({
  name: 'policy',
  summary: "print the deploy role's trust policy and permission policy generated from hatoba.yml",
  configure(command) {
    command.option('--json', 'print one JSON document');
    withConfigOptions(command);
    command.addHelpText('after', '\nExamples:\n  hatoba policy\n  hatoba policy --json | jq .trustPolicy');
  },
  async run(options, context) {
    const loaded = await context.loadConfig(options);
    const { trustPolicy } = await import('../../iam/trust.js');
    const { deployPermissionsPolicy } = await import('../../iam/permissions.js');
    const { deployRoleArn } = await import('../../naming.js');
    const { existingRoleCommands } = await import('../../iam/existing-role.js');
    const trust = trustPolicy(loaded.config);
    const permissions = deployPermissionsPolicy(loaded.config);
    const roleArn = deployRoleArn(loaded.config);
    // github.roleArn: a role hatoba neither creates nor changes; say how to give it these policies.
    const apply = existingRoleCommands(loaded.config);

    if (options.json) {
      printJson(context, {
        roleArn,
        subjects: trust.subjects,
        subjectPatterns: trust.subjectPatterns,
        trustPolicy: trust.document,
        permissionsPolicy: permissions,
        warnings: trust.warnings,
        managedByHatoba: apply === undefined,
        ...(apply === undefined ? {} : { applyCommands: apply }),
      });
      return EXIT_OK;
    }
    const s = style(context);
    const out = context.stdout;
    line(out, s.bold(`Deploy role ${roleArn}`));
    line(out);
    line(out, s.bold('Trusted subjects'));
    for (const sub of trust.subjects) line(out, `  ${sub}  ${s.dim('(StringEquals)')}`);
    for (const sub of trust.subjectPatterns) line(out, `  ${sub}  ${s.dim('(StringLike)')}`);
    line(out);
    line(out, s.bold('Trust policy'));
    line(out, JSON.stringify(trust.document, null, 2));
    line(out);
    line(out, s.bold('Permission policy'));
    line(out, JSON.stringify(permissions, null, 2));
    if (apply !== undefined) {
      line(out);
      line(out, s.bold('Not managed by hatoba'));
      line(out, '  github.roleArn names an existing role: `hatoba up` neither creates nor changes it. The role needs');
      line(out, '  the trust policy and the permission policy above; to give it them, run (hatoba runs nothing here):');
      for (const command of apply) line(out, `    ${command}`);
      line(
        out,
        s.dim('  update-assume-role-policy replaces the whole trust policy; put-role-policy adds one inline policy.'),
      );
    }
    printWarnings(context.stderr, s, trust.warnings);
    return EXIT_OK;
  },
});
