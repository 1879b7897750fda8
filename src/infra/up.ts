import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { Clock } from '../clock.js';
import type { HatobaConfig } from '../config/resolve.js';
import { deployStack, type StackResult } from './deploy-stack.js';
import { PIPELINE_OUTPUTS } from './outputs.js';
import { type PlanClients, planDeployment } from './plan.js';
import type { OidcProviderPlan } from './preflight.js';

export interface UpOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
  readonly onStep?: (message: string) => void;
  readonly onEvent?: (stackName: string, event: StackEvent) => void;
  /** Poll interval while a stack operation runs. @default 5000 */
  readonly pollMs?: number;
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
}

/**
 * Creates or updates the pipeline stack, then the service stack. Idempotent: a re-run with nothing to change makes
 * no change sets execute, and a re-run after CI deployed keeps the service on what it runs (see serviceParameters).
 */
export async function up(clients: PlanClients, config: HatobaConfig, options: UpOptions): Promise<UpReport> {
  const plan = await planDeployment(clients, config);
  for (const warning of plan.warnings) options.onStep?.(`warning: ${warning}`);
  const providerNote = {
    create: 'creating it',
    owned: 'managed by this stack',
    reuse: 'reusing the existing one, unchanged',
  }[plan.oidcProvider.action];
  options.onStep?.(`GitHub OIDC provider ${plan.oidcProvider.arn}: ${providerNote}`);

  const results: StackResult[] = [];
  for (const stack of plan.stacks) {
    const result = await deployStack(clients.cloudformation, stack, {
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
    account: plan.account,
    region: plan.region,
    oidcProvider: { arn: plan.oidcProvider.arn, action: plan.oidcProvider.action },
    stacks: results,
    outputs,
    warnings: plan.warnings,
    nextSteps: ok ? nextSteps(config, outputs, plan.service.deployed) : [],
  };
}

function nextSteps(config: HatobaConfig, outputs: Record<string, string>, deployed: boolean): string[] {
  const repo = config.github.repository;
  const roleArn = outputs[PIPELINE_OUTPUTS.deployRoleArn] ?? '<DeployRoleArn>';
  const steps = [
    `gh variable set AWS_ROLE_ARN --body ${roleArn} --repo ${repo}`,
    `gh variable set AWS_REGION --body ${config.aws.region} --repo ${repo}`,
  ];
  if (!deployed)
    steps.push('git push   # the workflow builds the image and runs hatoba deploy, which starts the tasks');
  return steps;
}
