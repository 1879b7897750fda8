import type { HatobaConfig } from '../config/resolve.js';
import { displayPath } from '../fs/display-path.js';
import type { VariablesOutcome } from '../init/github-variables.js';
import type { InitResult, PlannedFile } from '../init/init.js';
import { existingWorkflowsJson, printExistingWorkflows } from './existing-workflows.js';
import { type Env, line, printJson, style, type Writer } from './output.js';

/** `hatoba init`'s files, warnings and next steps: as the --json document, or for people. */
export function printInit(
  context: { readonly stdout: Writer; readonly cwd: string; readonly interactive: boolean; readonly env: Env },
  options: { readonly json?: boolean | undefined },
  result: InitResult,
): void {
  const { files, config, variables, outcome, stale, caution, detected, existingWorkflows, workflowSkipped } = result;
  const display = (path: string) => displayPath(context.cwd, path);
  const warnings = [
    ...stale.map(
      (path) => `${display(path)} is from the other layout (--split or not); delete it, or both workflows deploy`,
    ),
    ...(caution === undefined ? [] : [caution]),
    ...result.warnings,
  ];
  const commands = variables.map((v) => v.argv.join(' '));
  if (options.json) {
    printJson(context, {
      files: files.map((f) => ({ path: display(f.path), status: f.status })),
      githubVariables: Object.fromEntries(variables.map((v) => [v.name, v.value])),
      detected,
      githubVariablesSet: outcome?.set ?? false,
      ...(outcome?.set === false ? { githubVariablesSkipped: outcome.reason } : {}),
      nextSteps: nextSteps(config, files, display, commands, outcome, workflowSkipped),
      warnings,
      existingWorkflows: existingWorkflowsJson(existingWorkflows),
      workflowSkipped,
    });
    return;
  }
  const s = style(context);
  for (const file of files) {
    const mark = file.status === 'kept' ? s.dim('kept       ') : s.ok(file.status.padEnd(11));
    line(context.stdout, `${mark} ${display(file.path)}`);
  }
  if (files.some((f) => f.status === 'kept')) {
    line(context.stdout, s.dim('(existing files are kept; --force overwrites them)'));
  }
  for (const source of detected) line(context.stdout, `${s.dim('detected   ')} ${source}`);
  for (const warning of warnings) line(context.stdout, `${s.warn('warning')}     ${warning}`);
  if (existingWorkflows.length > 0) printExistingWorkflows(context.stdout, s, existingWorkflows, workflowSkipped);
  if (outcome?.set)
    line(context.stdout, `${s.ok('set')}         GitHub variables ${variables.map((v) => v.name).join(', ')}`);
  if (outcome?.set === false) line(context.stdout, `${s.warn('skipped')}     GitHub variables: ${outcome.reason}`);
  line(context.stdout);
  line(context.stdout, s.bold('Next steps:'));
  nextSteps(config, files, display, commands, outcome, workflowSkipped).forEach((step, index) => {
    line(context.stdout, `  ${index + 1}. ${step.replaceAll('\n', '\n     ')}`);
  });
}

function nextSteps(
  config: HatobaConfig,
  files: readonly PlannedFile[],
  display: (path: string) => string,
  variableCommands: readonly string[],
  outcome: VariablesOutcome | undefined,
  workflowSkipped: boolean,
): string[] {
  const steps = [
    `Review and commit: git add ${files.map((f) => display(f.path)).join(' ')}`,
    config.github.roleArn === undefined
      ? 'Create the AWS side (OIDC provider, deploy role, ECR repository, ECS service): npx hatoba up'
      : 'Give your role (github.roleArn) the trust and permission policies hatoba needs; `npx hatoba policy` ' +
        'prints them and the aws iam commands (hatoba never changes that role)',
  ];
  if (config.github.roleArn !== undefined) {
    steps.push('Create the rest of the AWS side (OIDC provider, ECR repository, ECS service): npx hatoba up');
  }
  if (!outcome?.set) steps.push(`Tell the workflow which role and Region to use:\n${variableCommands.join('\n')}`);
  if (config.github.environment !== undefined) {
    steps.push(
      `Create the GitHub environment "${config.github.environment}" (Settings → Environments); the role trusts only ` +
        'jobs that run in it. Restrict its deployment branches, and add reviewers if deploys need approval.',
    );
  }
  if (workflowSkipped) {
    // No hatoba workflow was written: pushing runs the hand-written one, unchanged.
    steps.push('Switch to hatoba’s workflow or keep yours (see above); either way check it first: npx hatoba lint');
    return steps;
  }
  steps.push(
    'Check the workflow against the trust policy: npx hatoba lint',
    'Rehearse the pipeline locally (token, trust policy, docker build, push, run, health check): npx hatoba rehearse',
    'git push: the workflow builds, pushes and deploys.',
  );
  return steps;
}
