import type { HatobaConfig } from '../../src/config/resolve.js';
import { resourceArns, resourceNames } from '../../src/naming.js';
import { LIVE_PREFIX } from './config.js';

/** What a live run has done so far; the suite fills it in as it goes, teardown reads it. */
export interface LiveRun {
  readonly config: HatobaConfig;
  /** `hatoba up` was started: from then on the stacks and everything they leave behind may exist. */
  upStarted: boolean;
  /**
   * Whether the account had a GitHub OIDC provider before `up` (undefined: not known, e.g. the lookup failed).
   * Only `false` lets teardown delete the provider: a pre-existing one may be what other deploys depend on.
   */
  oidcProviderExisted: boolean | undefined;
}

export type TeardownStep =
  | { readonly kind: 'delete-stack'; readonly stackName: string }
  | { readonly kind: 'delete-repository'; readonly repositoryName: string }
  | { readonly kind: 'delete-log-group'; readonly logGroupName: string }
  | { readonly kind: 'delete-task-definitions'; readonly families: readonly string[] }
  | { readonly kind: 'delete-oidc-provider'; readonly arn: string };

/**
 * The deletions that undo a run, in order. The stacks go first (service, then pipeline: the service's tasks pull
 * from the pipeline's repository), then what CloudFormation leaves behind on purpose or never owned:
 * - the ECR repository and the container log group (RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE in
 *   src/infra/constructs/image-repository.ts and fargate-web-service.ts);
 * - the Container Insights log group, which ECS creates itself for the cluster ("Container Insights performance log
 *   reference": `/aws/ecs/containerinsights/CLUSTER/performance`);
 * - every task definition revision of the deploy family (registered by `hatoba deploy`, outside CloudFormation) and
 *   of the bootstrap family (deregistered, not deleted, with the service stack);
 * - last, the GitHub OIDC provider (also RETAIN_ON_UPDATE_OR_DELETE), only when this run created it.
 */
export function planTeardown(run: LiveRun): TeardownStep[] {
  const { config } = run;
  if (!config.app.startsWith(LIVE_PREFIX)) {
    throw new Error(`refusing to tear down ${config.app}: live runs only delete apps named ${LIVE_PREFIX}*`);
  }
  if (!run.upStarted) return [];
  const names = resourceNames(config);
  const steps: TeardownStep[] = [
    { kind: 'delete-stack', stackName: names.serviceStack },
    { kind: 'delete-stack', stackName: names.pipelineStack },
    { kind: 'delete-repository', repositoryName: names.repository },
    { kind: 'delete-log-group', logGroupName: names.logGroupName },
    { kind: 'delete-log-group', logGroupName: `/aws/ecs/containerinsights/${names.cluster}/performance` },
    { kind: 'delete-task-definitions', families: [names.taskFamily, names.bootstrapTaskFamily] },
  ];
  if (run.oidcProviderExisted === false) {
    steps.push({ kind: 'delete-oidc-provider', arn: resourceArns(config).oidcProvider });
  }
  return steps;
}

/** One line per step, as the run prints it before deleting anything. */
export function describeStep(step: TeardownStep): string {
  switch (step.kind) {
    case 'delete-stack':
      return `CloudFormation stack ${step.stackName}`;
    case 'delete-repository':
      return `ECR repository ${step.repositoryName} with its images`;
    case 'delete-log-group':
      return `CloudWatch Logs log group ${step.logGroupName}`;
    case 'delete-task-definitions':
      return `ECS task definitions of ${step.families.join(', ')} (every revision)`;
    case 'delete-oidc-provider':
      return `IAM OIDC provider ${step.arn} (this run created it)`;
  }
}
