import type { Stack } from '@aws-sdk/client-cloudformation';
import type { AwsClients } from '../aws/clients.js';
import { pipelineRegion } from '../config/account-environments.js';
import type { HatobaConfig } from '../config/resolve.js';
import { resourceNames } from '../naming.js';
import type { ImportedResource } from './adopt.js';
import { type Conflict, findConflicts, namedResources } from './existing-resources.js';
import {
  checkAccount,
  type OidcProviderPlan,
  planOidcProvider,
  readServiceState,
  type ServiceState,
} from './preflight.js';
import { describeStack } from './stack-state.js';
import { SERVICE_PARAMETERS } from './stacks/service-stack.js';
import { type Synthesis, synthesize } from './synth.js';

export interface StackPlan {
  readonly stackName: string;
  /** The deployed stack, if any. */
  readonly existing: Stack | undefined;
  readonly templateBody: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly description: string;
  /** Existing resources to import into the stack before it is created or updated (`up --adopt`). */
  readonly imports?: readonly ImportedResource[];
}

export interface DeploymentPlan {
  readonly account: string;
  readonly region: string;
  /** Where the pipeline stack is: `region`, except for an environment whose account's stack is in another Region. */
  readonly pipelineRegion: string;
  readonly oidcProvider: OidcProviderPlan;
  readonly service: ServiceState;
  /** Pipeline stack first: the service stack's execution role pulls from its repository. */
  readonly stacks: readonly [StackPlan, StackPlan];
  readonly synthesis: Synthesis;
  /** Resources the stacks would create that already exist outside them. */
  readonly conflicts: readonly Conflict[];
  readonly warnings: readonly string[];
}

export type PlanClients = Pick<AwsClients, 'sts' | 'iam' | 'ecr' | 'ecs' | 'logs' | 'cloudformation'>;

export interface PlanOptions {
  /** Every environment of hatoba.yml (`LoadedConfig.environments`); empty for a single-environment file. */
  readonly environments?: readonly HatobaConfig[];
  /**
   * Clients in the pipeline stack's Region (`pipelineRegion`), when it is not the environment's.
   * @default the clients given
   */
  readonly pipelineClients?: PlanClients;
}

/**
 * Everything `up` and `diff` need before touching a stack: the account check (first, so nothing else is called for
 * the wrong account), the OIDC provider decision, the templates, stack parameters that keep what the service runs,
 * and the named resources that already exist outside the stacks.
 */
export async function planDeployment(
  clients: PlanClients,
  config: HatobaConfig,
  options: PlanOptions = {},
): Promise<DeploymentPlan> {
  const { account } = await checkAccount(clients.sts, config);
  const names = resourceNames(config);
  const environments = options.environments ?? [];
  const pipelineClients = options.pipelineClients ?? clients;
  const [pipelineStack, serviceStack] = await Promise.all([
    describeStack(pipelineClients.cloudformation, names.pipelineStack),
    describeStack(clients.cloudformation, names.serviceStack),
  ]);
  const oidcProvider = await planOidcProvider(clients.iam, pipelineClients.cloudformation, config, pipelineStack);
  // Refuses templates and policies over AWS's size limits before any stack is touched (see limits.ts).
  const synthesis = await synthesize(config, { existingOidcProvider: oidcProvider.action === 'reuse', environments });
  const service = await readServiceState(clients.ecs, config);
  // Named resources made by hand make CloudFormation fail with "already exists": found here, before any change set.
  // Each stack's resources are looked for in its own Region.
  const scans =
    pipelineClients === clients
      ? [
          await findConflicts(clients, namedResources([synthesis.pipeline, synthesis.service]), [
            pipelineStack,
            serviceStack,
          ]),
        ]
      : [
          await findConflicts(pipelineClients, namedResources([synthesis.pipeline]), [pipelineStack]),
          await findConflicts(clients, namedResources([synthesis.service]), [serviceStack]),
        ];
  const scan = {
    conflicts: scans.flatMap((each) => each.conflicts),
    warnings: scans.flatMap((each) => each.warnings),
  };
  return {
    account,
    region: config.aws.region,
    pipelineRegion: pipelineRegion(config, environments),
    oidcProvider,
    service,
    stacks: [
      {
        stackName: synthesis.pipeline.stackName,
        existing: pipelineStack,
        templateBody: synthesis.pipeline.body,
        parameters: {},
        description: `hatoba ${config.app}: OIDC deploy role and image repository`,
      },
      {
        stackName: synthesis.service.stackName,
        existing: serviceStack,
        templateBody: synthesis.service.body,
        parameters: serviceParameters(service),
        description: `hatoba ${config.app}: ECS Fargate service`,
      },
    ],
    synthesis,
    conflicts: scan.conflicts,
    warnings: [...synthesis.warnings, ...oidcProvider.warnings, ...scan.warnings],
  };
}

/**
 * Invariant: a stack update never changes what the service runs. Once a deploy has registered a task definition,
 * the stack keeps pointing at the service's current one (never the template's bootstrap revision), and it keeps the
 * current desired count; before any deploy the service runs zero tasks, so nothing crash-loops on a missing image.
 */
export function serviceParameters(service: ServiceState): Record<string, string> {
  return {
    [SERVICE_PARAMETERS.taskDefinitionArn]: service.deployed ? (service.taskDefinitionArn ?? '') : '',
    [SERVICE_PARAMETERS.desiredCount]: String(service.exists ? service.desiredCount : 0),
  };
}
