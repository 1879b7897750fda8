import type { HatobaConfig } from '../config/resolve.js';
import { displayPath } from '../fs/display-path.js';
import {
  createEnvironmentArgv,
  ENVIRONMENT_API_DOCS,
  githubEnvironments,
  requireReviewerCommand,
} from '../init/github-environments.js';
import type { VariableCommand, VariablesOutcome } from '../init/github-variables.js';
import type { InitResult, PlannedFile } from '../init/init.js';
import { existingWorkflowsJson, printExistingWorkflows } from './existing-workflows.js';
import { type Env, line, printJson, style, type Writer } from './output.js';

/** `hatoba init`'s files, warnings and next steps: as the --json document, or for people. */
export function printInit(
  context: { readonly stdout: Writer; readonly cwd: string; readonly interactive: boolean; readonly env: Env },
  options: { readonly json?: boolean | undefined },
  result: InitResult,
): void {
  const {
    files,
    config,
    environments,
    variables,
    outcome,
    stale,
    caution,
    detected,
    existingWorkflows,
    workflowSkipped,
  } = result;
  const display = (path: string) => displayPath(context.cwd, path);
  const warnings = [
    ...stale.map(
      (path) => `${display(path)} is from the other layout (--split or not); delete it, or both workflows deploy`,
    ),
    ...(caution === undefined ? [] : [caution]),
    ...result.warnings,
  ];
  const commands = variables.map((v) => v.argv.join(' '));
  const steps = () =>
    environments.length > 0
      ? environmentNextSteps(config, environments, files, display, commands, outcome, workflowSkipped)
      : nextSteps(config, files, display, commands, outcome, workflowSkipped);
  if (options.json) {
    printJson(context, {
      files: files.map((f) => ({ path: display(f.path), status: f.status })),
      // Repository variables; with environments, each GitHub environment's own below.
      githubVariables: Object.fromEntries(
        variables.filter((v) => v.environment === undefined).map((v) => [v.name, v.value]),
      ),
      ...(environments.length > 0 ? { githubEnvironmentVariables: byEnvironment(variables) } : {}),
      detected,
      githubVariablesSet: outcome?.set ?? false,
      ...(outcome?.set === false ? { githubVariablesSkipped: outcome.reason } : {}),
      nextSteps: steps(),
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
    line(
      context.stdout,
      `${s.ok('set')}         GitHub variables ${[...new Set(variables.map((v) => v.name))].join(', ')}`,
    );
  if (outcome?.set === false) line(context.stdout, `${s.warn('skipped')}     GitHub variables: ${outcome.reason}`);
  line(context.stdout);
  line(context.stdout, s.bold('Next steps:'));
  steps().forEach((step, index) => {
    line(context.stdout, `  ${index + 1}. ${step.replaceAll('\n', '\n     ')}`);
  });
}

function commitStep(files: readonly PlannedFile[], display: (path: string) => string): string {
  return `Review and commit: git add ${files.map((f) => display(f.path)).join(' ')}`;
}

/** No hatoba workflow was written next to a hand-written one: pushing runs that one, unchanged. */
const KEEP_OR_SWITCH_STEP =
  'Switch to hatoba’s workflow or keep yours (see above); either way check it first: npx hatoba lint';

function nextSteps(
  config: HatobaConfig,
  files: readonly PlannedFile[],
  display: (path: string) => string,
  variableCommands: readonly string[],
  outcome: VariablesOutcome | undefined,
  workflowSkipped: boolean,
): string[] {
  const steps = [
    commitStep(files, display),
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
    steps.push(KEEP_OR_SWITCH_STEP);
    return steps;
  }
  steps.push(
    'Check the workflow against the trust policy: npx hatoba lint',
    'Rehearse the pipeline locally (token, trust policy, docker build, push, run, health check): npx hatoba rehearse',
    'git push: the workflow builds, pushes and deploys.',
  );
  return steps;
}

/** `{staging: {AWS_ROLE_ARN: …, AWS_REGION: …}, …}`: the variables of each GitHub environment. */
function byEnvironment(variables: readonly VariableCommand[]): Record<string, Record<string, string>> {
  const grouped: Record<string, Record<string, string>> = {};
  for (const variable of variables) {
    if (variable.environment === undefined) continue;
    grouped[variable.environment] = { ...grouped[variable.environment], [variable.name]: variable.value };
  }
  return grouped;
}

/**
 * With `environments`: the AWS side of each environment, the GitHub environments and their variables, and a
 * reviewer for the last environment (the one the image is promoted to in the end, e.g. production).
 */
function environmentNextSteps(
  config: HatobaConfig,
  environments: readonly HatobaConfig[],
  files: readonly PlannedFile[],
  display: (path: string) => string,
  variableCommands: readonly string[],
  outcome: VariablesOutcome | undefined,
  workflowSkipped: boolean,
): string[] {
  const names = environments.map((each) => each.environment?.name ?? '');
  const githubNames = githubEnvironments(environments);
  const { repository } = config.github;
  const last = githubNames.at(-1) ?? '';
  const steps = [
    commitStep(files, display),
    'Create the AWS side of each environment, with credentials for its account (the environment in the build ' +
      `account also creates the ECR repository and the push role):\n${names.map((name) => `npx hatoba up --environment ${name}`).join('\n')}`,
  ];
  if (!outcome?.set) {
    steps.push(
      `Create the GitHub environments the deploy jobs run in (their variables need them):\n${githubNames.map((name) => createEnvironmentArgv(repository, name).join(' ')).join('\n')}`,
      'Tell the workflow which roles and Regions to use (the push role as repository variables, each deploy role ' +
        `as its GitHub environment's):\n${variableCommands.join('\n')}`,
    );
  }
  steps.push(
    `Protect ${last}: require a reviewer before its deploy job runs (here: you; add people or teams, wait timers and ` +
      `deployment branches in Settings → Environments). Required reviewers on private repositories need GitHub ` +
      `Pro, Team or Enterprise; see ${ENVIRONMENT_API_DOCS}\n${requireReviewerCommand(repository, last)}`,
  );
  if (workflowSkipped) {
    steps.push(KEEP_OR_SWITCH_STEP);
    return steps;
  }
  steps.push(
    'Check the workflow against the push role and each deploy role: npx hatoba lint',
    `Rehearse the pipeline locally: npx hatoba rehearse --environment ${names[0] ?? ''}`,
    `git push: the workflow builds and pushes the image once, then deploys it to ${names.join(', then ')}.`,
  );
  return steps;
}
