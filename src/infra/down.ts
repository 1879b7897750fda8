import { type CloudFormationClient, DeleteStackCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { DeleteOpenIDConnectProviderCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import {
  crossAccountEnvironments,
  environmentsInAccount,
  inBuildAccount,
  pipelineRegion,
} from '../config/account-environments.js';
import type { HatobaConfig } from '../config/resolve.js';
import { resourceArns, resourceNames } from '../naming.js';
import { followStack, type StackFailure } from './deploy-stack.js';
import { checkAccount } from './preflight.js';
import { rolesTrustingProvider } from './provider-users.js';
import { type PurgeResult, purge } from './purge.js';
import { type RetainedResource, readStackContents } from './retained-resources.js';
import { refuseDeletion } from './stack-deletable.js';
import { StackEventReader } from './stack-events.js';
import { describeStack } from './stack-state.js';

export type DownClients = Pick<AwsClients, 'sts' | 'iam' | 'ecr' | 'logs' | 'cloudformation'>;

export interface DownOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
  readonly onStep?: (message: string) => void;
  readonly onEvent?: (stackName: string, event: StackEvent) => void;
  /** A stack's DeleteStack was accepted: from here on its deletion continues in AWS even if hatoba stops. */
  readonly onDeleting?: (stackName: string) => void;
  /** Shown the plan before anything is deleted; false stops (a person declined). */
  readonly confirm: (plan: TeardownPlan) => Promise<boolean>;
  /** Also delete the repository and log group the stacks kept. */
  readonly purge?: boolean;
  /** Poll interval while a deletion runs. @default 5000 */
  readonly pollMs?: number;
  /** Every environment of hatoba.yml (`LoadedConfig.environments`); empty for a single-environment file. */
  readonly environments?: readonly HatobaConfig[];
  /**
   * CloudFormation in another Region of the same account (the pipeline stack's, another environment's).
   * @default - the clients' own, whatever the Region
   */
  readonly cloudformationIn?: (region: string) => Promise<CloudFormationClient>;
}

/** Something `down` leaves in the account, and why. */
export interface KeptResource {
  readonly type: string;
  readonly name: string;
  readonly reason: string;
}

export interface PlannedStack {
  readonly stackName: string;
  readonly status: string;
  /** DELETE_FAILED: the resources whose deletion failed, kept this time (DeleteStack RetainResources). */
  readonly retainOnRetry: readonly string[];
}

export interface TeardownPlan {
  readonly account: string;
  readonly region: string;
  /** Existing stacks, in deletion order: the service stack, then the pipeline stack. */
  readonly stacks: readonly PlannedStack[];
  readonly kept: readonly KeptResource[];
  /** Deleted with --purge, after the stacks are gone. */
  readonly purgeable: readonly RetainedResource[];
  /** The pipeline stack's own provider: deleted after the stacks when no other role trusts it. */
  readonly provider: { readonly arn: string; readonly usedBy: readonly string[] } | null;
}

export interface DeletedStack {
  readonly stackName: string;
  /** Its status before `down`. */
  readonly from: string;
  readonly action: 'deleted' | 'failed';
  readonly status: string;
  readonly failure?: StackFailure;
}

export interface DownReport {
  readonly ok: boolean;
  readonly account: string;
  readonly region: string;
  readonly stacks: readonly DeletedStack[];
  readonly kept: readonly KeptResource[];
  readonly purged: readonly PurgeResult[];
  /** The GitHub OIDC provider the pipeline stack created, when there was one. */
  readonly oidcProvider: {
    readonly arn: string;
    readonly action: 'deleted' | 'kept';
    readonly usedBy: readonly string[];
  } | null;
  /** Why nothing was deleted: no stacks, or a person declined. */
  readonly stopped: {
    readonly reason: 'nothing' | 'declined';
    readonly message: string;
    readonly hint: string | null;
  } | null;
}

/**
 * Deletes the service stack, then the pipeline stack, keeping what outlives them (images, logs, a provider other
 * roles trust); with `purge`, then deletes the repository and log group it kept. Checks everything it can before the
 * first deletion: the account, stack states (refuses mid-operation), and what the deletion keeps.
 */
export async function down(clients: DownClients, config: HatobaConfig, options: DownOptions): Promise<DownReport> {
  const { account } = await checkAccount(clients.sts, config);
  const cloudformationIn = async (region: string) =>
    region === config.aws.region || options.cloudformationIn === undefined
      ? clients.cloudformation
      : await options.cloudformationIn(region);
  const environments = options.environments ?? [];
  const pipeline = await pipelineTeardown(config, environments, cloudformationIn);
  const plan = await planTeardown(clients, config, account, pipeline);
  const base = { account, region: config.aws.region };
  const stopped = (reason: 'nothing' | 'declined', message: string, hint: string | null): DownReport => ({
    ok: reason === 'nothing',
    ...base,
    stacks: [],
    kept: plan.kept,
    purged: [],
    oidcProvider: null,
    stopped: { reason, message, hint },
  });
  if (plan.stacks.length === 0) {
    const names = resourceNames(config);
    const stays = plan.kept.find((resource) => resource.name === names.pipelineStack);
    return stopped(
      'nothing',
      stays === undefined
        ? `Nothing to delete: neither ${names.serviceStack} nor ${names.pipelineStack} exists in ${account} ${config.aws.region}.`
        : `Nothing to delete: ${names.serviceStack} does not exist in ${account} ${config.aws.region}, and ${names.pipelineStack} stays: ${stays.reason}.`,
      options.purge === true
        ? `--purge deletes only what the stacks kept during this run. To delete a repository and log group kept earlier: aws ecr delete-repository --repository-name ${names.repository} --force; aws logs delete-log-group --log-group-name ${names.logGroupName}`
        : null,
    );
  }
  if (!(await options.confirm(plan))) {
    return stopped('declined', 'Nothing was deleted.', 'Run hatoba down again and confirm, or pass --yes.');
  }

  const results: DeletedStack[] = [];
  let kept = [...plan.kept];
  for (const stack of plan.stacks) {
    const cloudformation = stack.stackName === pipeline.stackName ? pipeline.cloudformation : clients.cloudformation;
    const result = await deleteStack(cloudformation, stack, options);
    results.push(result);
    // The pipeline stack's roles and repository serve the service stack: keep them while it stands.
    if (result.action === 'failed') break;
  }
  const ok = results.every((result) => result.action === 'deleted');
  let oidcProvider: DownReport['oidcProvider'] = null;
  let purged: PurgeResult[] = [];
  if (ok && plan.provider !== null) {
    oidcProvider = await settleProvider(clients, plan.provider, options);
    kept = kept.filter((resource) => resource.type !== OIDC_PROVIDER);
    if (oidcProvider.action === 'kept') kept.push(providerKept(oidcProvider.arn, oidcProvider.usedBy));
  }
  if (ok && options.purge === true && plan.purgeable.length > 0) {
    purged = await purge(clients, plan.purgeable, options);
  }
  const gone = new Set(purged.map((result) => result.name));
  return {
    ok,
    ...base,
    stacks: results,
    kept: kept.filter((resource) => !gone.has(resource.name)),
    purged,
    oidcProvider,
    stopped: null,
  };
}

/** The account's pipeline stack: where it is, and why it stays (other environments use it), if it does. */
interface PipelineTeardown {
  readonly stackName: string;
  readonly cloudformation: CloudFormationClient;
  readonly keptBecause: string | undefined;
}

/**
 * With `environments` the pipeline stack serves every environment of its account (their deploy roles), and the build
 * account's serves them all (the repository, the push role): it goes only with the last environment that uses it.
 * Service stacks in this account are looked up; other accounts' cannot be (other credentials), so the build
 * account's stack stays while hatoba.yml has environments elsewhere.
 */
async function pipelineTeardown(
  config: HatobaConfig,
  environments: readonly HatobaConfig[],
  cloudformationIn: (region: string) => Promise<CloudFormationClient>,
): Promise<PipelineTeardown> {
  const stackName = resourceNames(config).pipelineStack;
  const cloudformation = await cloudformationIn(pipelineRegion(config, environments));
  if (config.environment === undefined) return { stackName, cloudformation, keptBecause: undefined };
  const others = environmentsInAccount(config, environments).filter((each) => each !== config);
  const live: string[] = [];
  for (const other of others) {
    const stack = await describeStack(await cloudformationIn(other.aws.region), resourceNames(other).serviceStack);
    if (stack !== undefined) live.push(other.environment?.name ?? '');
  }
  if (live.length > 0) {
    return {
      stackName,
      cloudformation,
      keptBecause: `it holds the deploy roles of ${live.join(', ')} too (same account, still up); hatoba down --environment ${live.at(-1)} deletes it last`,
    };
  }
  const elsewhere = inBuildAccount(config) ? crossAccountEnvironments(environments) : [];
  if (elsewhere.length > 0) {
    const where = elsewhere.map((each) => `${each.environment?.name} (${each.aws.account})`).join(', ');
    return {
      stackName,
      cloudformation,
      keptBecause:
        `it holds the repository and push role that ${where} deploy from; once they are down, delete it with ` +
        `aws cloudformation delete-stack --stack-name ${stackName} --region ${pipelineRegion(config, environments)}`,
    };
  }
  return { stackName, cloudformation, keptBecause: undefined };
}

async function planTeardown(
  clients: DownClients,
  config: HatobaConfig,
  account: string,
  pipeline: PipelineTeardown,
): Promise<TeardownPlan> {
  const names = resourceNames(config);
  const stacks: PlannedStack[] = [];
  const kept: KeptResource[] = [];
  const purgeable: RetainedResource[] = [];
  const roleNames = new Set<string>();
  let provider: { arn: string } | null = null;
  for (const stackName of [names.serviceStack, names.pipelineStack]) {
    const cloudformation = stackName === pipeline.stackName ? pipeline.cloudformation : clients.cloudformation;
    const stack = await describeStack(cloudformation, stackName);
    const status = stack?.StackStatus;
    if (status === undefined) continue;
    if (stackName === pipeline.stackName && pipeline.keptBecause !== undefined) {
      kept.push({ type: 'AWS::CloudFormation::Stack', name: stackName, reason: pipeline.keptBecause });
      continue;
    }
    refuseDeletion(stackName, status);
    const contents = await readStackContents(cloudformation, stackName);
    for (const role of contents.roleNames) roleNames.add(role);
    for (const resource of contents.retained) {
      if (resource.type === OIDC_PROVIDER) {
        provider = { arn: resource.name };
        continue;
      }
      kept.push({ type: resource.type, name: resource.name, reason: keptReason(resource) });
      if (PURGEABLE.has(resource.type)) purgeable.push(resource);
    }
    const retry = status === 'DELETE_FAILED' ? contents.failed : [];
    for (const failed of retry) {
      kept.push({
        type: failed.type,
        name: `${failed.name} (${failed.logicalId})`,
        reason: `its deletion failed earlier (${failed.reason}); kept so that the stack can go — delete it by hand`,
      });
    }
    stacks.push({ stackName, status, retainOnRetry: retry.map((failed) => failed.logicalId) });
  }
  let providerPlan: TeardownPlan['provider'] = null;
  const deletesPipeline = stacks.some((stack) => stack.stackName === names.pipelineStack);
  if (provider === null && deletesPipeline) {
    kept.push({
      type: OIDC_PROVIDER,
      name: resourceArns(config).oidcProvider,
      reason: "the account's provider, which hatoba reused: never part of its stacks",
    });
  }
  if (provider !== null) {
    const usedBy = await rolesTrustingProvider(clients.iam, provider.arn, roleNames);
    providerPlan = { arn: provider.arn, usedBy };
    if (usedBy.length > 0) kept.push(providerKept(provider.arn, usedBy));
  }
  return { account, region: config.aws.region, stacks, kept, purgeable, provider: providerPlan };
}

const OIDC_PROVIDER = 'AWS::IAM::OIDCProvider';
const PURGEABLE = new Set(['AWS::ECR::Repository', 'AWS::Logs::LogGroup']);

function keptReason(resource: RetainedResource): string {
  if (resource.type === 'AWS::ECR::Repository')
    return 'holds the images of every revision; --purge deletes it with its images';
  if (resource.type === 'AWS::Logs::LogGroup') return "holds the service's logs; --purge deletes it";
  return `its DeletionPolicy is ${resource.policy}`;
}

function providerKept(arn: string, usedBy: readonly string[]): KeptResource {
  return {
    type: OIDC_PROVIDER,
    name: arn,
    reason: `roles outside these stacks trust it: ${usedBy.join(', ')}`,
  };
}

/** Deletes one stack (or follows a deletion already under way) to the end. */
async function deleteStack(
  cloudformation: CloudFormationClient,
  stack: PlannedStack,
  options: DownOptions,
): Promise<DeletedStack> {
  const { stackName, status } = stack;
  const events = new StackEventReader(cloudformation, stackName);
  await events.skipExisting();
  if (status === 'DELETE_IN_PROGRESS') {
    options.onStep?.(`${stackName}: its deletion is already under way; following it`);
  } else {
    const retain = stack.retainOnRetry;
    options.onStep?.(
      retain.length === 0
        ? `${stackName}: deleting`
        : `${stackName}: deleting again, keeping what failed to delete before (${retain.join(', ')})`,
    );
    // DeleteStack (CloudFormation API Reference): RetainResources is for "stacks in the DELETE_FAILED state" only.
    await cloudformation.send(
      new DeleteStackCommand({
        StackName: stackName,
        ...(retain.length === 0 ? {} : { RetainResources: [...retain] }),
      }),
    );
  }
  options.onDeleting?.(stackName);
  const outcome = await followStack(cloudformation, stackName, events, {
    clock: options.clock,
    signal: options.signal,
    command: 'down',
    ...(options.onEvent === undefined ? {} : { onEvent: (event: StackEvent) => options.onEvent?.(stackName, event) }),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
  if (outcome.failure !== undefined) {
    return { stackName, from: status, action: 'failed', status: outcome.status, failure: outcome.failure };
  }
  return { stackName, from: status, action: 'deleted', status: outcome.status };
}

/**
 * The provider the pipeline stack created (and retained): deleted when no role trusts it any more. Asked again now
 * the stacks are gone, so a role created while they were being deleted still keeps it.
 */
async function settleProvider(
  clients: DownClients,
  provider: { readonly arn: string },
  options: DownOptions,
): Promise<NonNullable<DownReport['oidcProvider']>> {
  const usedBy = await rolesTrustingProvider(clients.iam, provider.arn, new Set());
  if (usedBy.length > 0) return { arn: provider.arn, action: 'kept', usedBy };
  options.onStep?.(`GitHub OIDC provider ${provider.arn}: no role trusts it any more; deleting it`);
  // DeleteOpenIDConnectProvider (IAM API Reference): idempotent, "does not fail … for a provider that does not exist".
  await clients.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: provider.arn }));
  return { arn: provider.arn, action: 'deleted', usedBy: [] };
}
