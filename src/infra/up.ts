import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { Clock } from '../clock.js';
import { buildAccountEnvironment, inBuildAccount } from '../config/account-environments.js';
import type { HatobaConfig } from '../config/resolve.js';
import { githubVariableCommands } from '../init/github-variables.js';
import { buildAccount } from '../naming.js';
import { type AdoptionPlan, adoptionOf } from './adopt.js';
import { deployStack, type StackResult } from './deploy-stack.js';
import { type Conflict, type ConflictReport, conflictLine, conflictReport } from './existing-resources.js';
import { PIPELINE_OUTPUTS } from './outputs.js';
import { type PlanClients, type PlanOptions, planDeployment } from './plan.js';
import type { OidcProviderPlan } from './preflight.js';

export interface UpOptions extends PlanOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
  readonly onStep?: (message: string) => void;
  readonly onEvent?: (stackName: string, event: StackEvent) => void;
  /** Poll interval while a stack operation runs. @default 5000 */
  readonly pollMs?: number;
  /** Import resources that already exist under hatoba's names instead of stopping (`--adopt`). */
  readonly adopt?: boolean;
  /** Shown the adoption before anything changes; false stops (a person declined). @default proceed */
  readonly confirmAdoption?: (adoption: AdoptionPlan) => Promise<boolean>;
}

export interface UpReport {
  readonly ok: boolean;
  readonly account: string;
  readonly region: string;
  readonly oidcProvider: Pick<OidcProviderPlan, 'arn' | 'action'>;
  readonly stacks: readonly StackResult[];
  /** Outputs of both stacks (see src/infra/outputs.ts for the keys). */
  readonly outputs: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
  /** Commands to run next. */
  readonly nextSteps: readonly string[];
  readonly conflicts: readonly ConflictReport[];
  /** With --adopt: what is imported, what the update then changes, and what blocks it. */
  readonly adoption: AdoptionPlan | null;
  /** Why `up` stopped before any change set: conflicts without --adopt, an unsafe adoption, or a declined one. */
  readonly stopped: {
    readonly reason: 'conflicts' | 'blocked' | 'declined';
    readonly message: string;
    readonly hint: string;
  } | null;
}

/**
 * Creates or updates the pipeline stack, then the service stack. Idempotent: a re-run with nothing to change makes
 * no change sets execute, and a re-run after CI deployed keeps the service on what it runs (see serviceParameters).
 */
export async function up(clients: PlanClients, config: HatobaConfig, options: UpOptions): Promise<UpReport> {
  const environments = options.environments ?? [];
  const pipelineClients = options.pipelineClients ?? clients;
  const plan = await planDeployment(clients, config, { environments, pipelineClients });
  for (const warning of plan.warnings) options.onStep?.(`warning: ${warning}`);
  const providerNote = {
    create: 'creating it',
    owned: 'managed by this stack',
    reuse: 'reusing the existing one, unchanged',
  }[plan.oidcProvider.action];
  options.onStep?.(`GitHub OIDC provider ${plan.oidcProvider.arn}: ${providerNote}`);

  const conflicts = plan.conflicts.map(conflictReport);
  const where = {
    account: plan.account,
    region: plan.region,
    oidcProvider: { arn: plan.oidcProvider.arn, action: plan.oidcProvider.action },
  };
  const stop = (adoption: AdoptionPlan | null, stopped: NonNullable<UpReport['stopped']>): UpReport => ({
    ok: false,
    ...where,
    stacks: [],
    outputs: {},
    warnings: plan.warnings,
    nextSteps: [],
    conflicts,
    adoption,
    stopped,
  });
  const adoption = adoptionOf(plan);
  if (adoption !== null) {
    if (options.adopt !== true) return stop(null, conflictStop(plan.conflicts));
    if (adoption.blockers.length > 0) {
      return stop(adoption, {
        reason: 'blocked',
        message: `hatoba cannot adopt what already exists:\n${adoption.blockers.map((b) => `  ${b}`).join('\n')}`,
        hint: `Delete or rename the resource, or choose other names in hatoba.yml (${configKeys(plan.conflicts)}).`,
      });
    }
    if (options.confirmAdoption !== undefined && !(await options.confirmAdoption(adoption))) {
      return stop(adoption, {
        reason: 'declined',
        message: 'Nothing was imported or changed.',
        hint: `Run hatoba up --adopt again to import them, or choose other names in hatoba.yml (${configKeys(plan.conflicts)}).`,
      });
    }
  }

  const results: StackResult[] = [];
  for (const planned of plan.stacks) {
    const imports = adoption?.imports.filter((resource) => resource.stackName === planned.stackName) ?? [];
    const stack = imports.length === 0 ? planned : { ...planned, imports };
    // The pipeline stack may be in another Region than the environment's (its account's first environment's).
    const cloudformation = planned === plan.stacks[0] ? pipelineClients.cloudformation : clients.cloudformation;
    const result = await deployStack(cloudformation, stack, {
      clock: options.clock,
      signal: options.signal,
      ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
      ...(options.onEvent === undefined
        ? {}
        : { onEvent: (event: StackEvent) => options.onEvent?.(stack.stackName, event) }),
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    });
    results.push(result);
    // The service stack's roles and image come from the pipeline stack's resources: stop at the first failure.
    if (result.action === 'failed') break;
  }

  const ok = results.length === plan.stacks.length && results.every((result) => result.action !== 'failed');
  const outputs: Record<string, string> = Object.assign({}, ...results.map((result) => result.outputs));
  return {
    ok,
    ...where,
    stacks: results,
    outputs,
    warnings: plan.warnings,
    nextSteps: ok
      ? environments.length === 0
        ? nextSteps(config, outputs, plan.service.deployed)
        : environmentNextSteps(config, environments, plan.service.deployed)
      : [],
    conflicts,
    adoption,
    stopped: null,
  };
}

function configKeys(conflicts: readonly Conflict[]): string {
  return [...new Set(conflicts.map((conflict) => conflict.configKey))].join(', ');
}

/** Without --adopt, existing resources stop `up` before any change set: CloudFormation would fail on each. */
function conflictStop(conflicts: readonly Conflict[]): NonNullable<UpReport['stopped']> {
  const lines = conflicts.map((c) => `  ${conflictLine(conflictReport(c))}`);
  const count = conflicts.length === 1 ? '1 resource' : `${conflicts.length} resources`;
  return {
    reason: 'conflicts',
    message: `${count} hatoba would create already exist${conflicts.length === 1 ? 's' : ''}, outside its stacks:\n${lines.join('\n')}`,
    hint:
      'Bring them under the stacks with `hatoba up --adopt` (a CloudFormation resource import; nothing is deleted), ' +
      `or choose other names in hatoba.yml (${configKeys(conflicts)}). See docs/up.md#adopting-existing-resources.`,
  };
}

function nextSteps(config: HatobaConfig, outputs: Record<string, string>, deployed: boolean): string[] {
  const repo = config.github.repository;
  const roleArn = outputs[PIPELINE_OUTPUTS.deployRoleArn] ?? '<DeployRoleArn>';
  const steps = [
    `gh variable set AWS_ROLE_ARN --body ${roleArn} --repo ${repo}`,
    `gh variable set AWS_REGION --body ${config.aws.region} --repo ${repo}`,
  ];
  if (!deployed) {
    steps.push('git push   # the workflow builds the image and runs hatoba deploy, which starts the tasks');
    // Scaling resources wait for a deployed service (service-stack.ts): a scalable target would start placeholder tasks.
    if (config.ecs.scaling !== undefined) {
      steps.push('hatoba up   # again, after that first deploy: turns on auto scaling (ecs.scaling)');
    }
  }
  return steps;
}

/**
 * With `environments`: the variables of this environment's GitHub environment (and the push role's repository
 * variables, from the build account), and, for an environment outside the build account, the build account's update
 * that grants its execution role the pull.
 */
function environmentNextSteps(
  config: HatobaConfig,
  environments: readonly HatobaConfig[],
  deployed: boolean,
): string[] {
  const build = inBuildAccount(config);
  const steps = githubVariableCommands(config, environments)
    .filter((command) =>
      command.environment === undefined ? build : command.environment === config.github.environment,
    )
    .map((command) => command.argv.join(' '));
  const name = config.environment?.name ?? '';
  if (!build) {
    const host = buildAccountEnvironment(environments)?.environment?.name ?? '<an environment in the build account>';
    const { account } = buildAccount(config);
    steps.push(
      `hatoba up --environment ${host}   # with credentials for the build account ${account}: its repository policy ` +
        `then lets ${name}'s task execution role pull the image`,
    );
  }
  if (!deployed) {
    steps.push(
      `git push   # the workflow builds the image once and deploys it to ${name} through its GitHub environment`,
    );
    if (config.ecs.scaling !== undefined) {
      steps.push(
        `hatoba up --environment ${name}   # again, after that first deploy: turns on auto scaling (ecs.scaling)`,
      );
    }
  }
  return steps;
}
