import { EXIT_OK } from '../../errors.js';
import { line, printJson, printWarnings, style } from '../../report/output.js';
import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

export default defineCommand<ReportFlags & { environment?: string }>({
  name: 'policy',
  summary: "print the deploy role's trust policy and permission policy generated from hatoba.yml",
  configure(command) {
    command.option('--json', 'print one JSON document');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nExamples:\n  hatoba policy\n  hatoba policy --json | jq .trustPolicy\n  hatoba policy --environment production',
    );
  },
  async run(options, context) {
    const loaded = await context.loadConfig(options);
    const { trustPolicy, pushTrustPolicy } = await import('../../iam/trust.js');
    const { deployPermissionsPolicy, pushPermissionsPolicy } = await import('../../iam/permissions.js');
    const { crossAccountPullPolicy } = await import('../../iam/pull-grant.js');
    const { inBuildAccount } = await import('../../config/account-environments.js');
    const { deployRoleArn, resourceArns } = await import('../../naming.js');
    const { existingRoleCommands } = await import('../../iam/existing-role.js');
    const trust = trustPolicy(loaded.config);
    const permissions = deployPermissionsPolicy(loaded.config);
    const roleArn = deployRoleArn(loaded.config);
    // github.roleArn: a role hatoba neither creates nor changes; say how to give it these policies.
    const apply = existingRoleCommands(loaded.config);
    // With environments: the build job's push role and the other accounts' pull grant live in the build account.
    const { environment } = loaded.config;
    const build = environment !== undefined && inBuildAccount(loaded.config);
    const push = build ? pushTrustPolicy(loaded.config) : undefined;
    const pushRole =
      push === undefined
        ? null
        : {
            roleArn: resourceArns(loaded.config).pushRole,
            subjects: push.subjects,
            subjectPatterns: push.subjectPatterns,
            trustPolicy: push.document,
            permissionsPolicy: pushPermissionsPolicy(loaded.config),
          };
    const repositoryPolicy = build ? (crossAccountPullPolicy(loaded.environments) ?? null) : null;

    if (options.json) {
      printJson(context, {
        roleArn,
        subjects: trust.subjects,
        subjectPatterns: trust.subjectPatterns,
        trustPolicy: trust.document,
        permissionsPolicy: permissions,
        warnings: [...new Set([...trust.warnings, ...(push?.warnings ?? [])])],
        managedByHatoba: apply === undefined,
        ...(apply === undefined ? {} : { applyCommands: apply }),
        ...(environment === undefined ? {} : { environment: environment.name, pushRole, repositoryPolicy }),
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
    if (pushRole !== null) {
      line(out);
      line(out, s.bold(`Push role ${pushRole.roleArn}`));
      line(out, s.dim('  The build job assumes it to push the image every environment deploys; it cannot deploy.'));
      line(out);
      line(out, s.bold('Trusted subjects'));
      for (const sub of pushRole.subjects) line(out, `  ${sub}  ${s.dim('(StringEquals)')}`);
      for (const sub of pushRole.subjectPatterns) line(out, `  ${sub}  ${s.dim('(StringLike)')}`);
      line(out);
      line(out, s.bold('Trust policy'));
      line(out, JSON.stringify(pushRole.trustPolicy, null, 2));
      line(out);
      line(out, s.bold('Permission policy'));
      line(out, JSON.stringify(pushRole.permissionsPolicy, null, 2));
    }
    if (repositoryPolicy !== null) {
      line(out);
      line(out, s.bold('Repository policy'));
      line(out, s.dim("  Lets the other accounts' task execution roles pull the image."));
      line(out, JSON.stringify(repositoryPolicy, null, 2));
    }
    printWarnings(context.stderr, s, [...new Set([...trust.warnings, ...(push?.warnings ?? [])])]);
    return EXIT_OK;
  },
});
