import {
  type CloudFormationClient,
  DescribeStackResourcesCommand,
  type Stack,
  type StackResource,
} from '@aws-sdk/client-cloudformation';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeRepositoriesCommand,
  GetLifecyclePolicyCommand,
  ListTagsForResourceCommand,
  type Repository,
} from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients.js';
import { isAccessDenied } from '../aws/errors.js';
import { getRole } from '../iam/get-role.js';
import type { Template } from './synth.js';

export type ReadClients = Pick<AwsClients, 'ecr' | 'logs' | 'ecs' | 'iam' | 'cloudformation'>;

/** A resource a stack would create under a fixed name (so CloudFormation fails if one already exists). */
export interface NamedResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  readonly name: string;
  /** The hatoba.yml key the name comes from. */
  readonly configKey: string;
  /** Its properties in the synthesized template. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** An ECS service's cluster name (DescribeServices needs it). */
  readonly cluster?: string;
}

/** What the account has under that name, in the template's property shapes (for comparison). */
export interface LiveResource {
  readonly properties: Readonly<Record<string, unknown>>;
  readonly tags: Readonly<Record<string, string>>;
}

export interface Conflict extends NamedResource {
  /** Who made it, when its tags say (e.g. another CloudFormation stack). */
  readonly origin?: string;
  readonly live: LiveResource;
}

/** A conflict as `up` and `diff` report it (JSON included). */
export interface ConflictReport {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly name: string;
  /** The hatoba.yml key its name comes from. */
  readonly configKey: string;
  readonly origin: string | null;
}

export function conflictReport(conflict: Conflict): ConflictReport {
  return {
    stack: conflict.stackName,
    logicalId: conflict.logicalId,
    type: conflict.type,
    name: conflict.name,
    configKey: conflict.configKey,
    origin: conflict.origin ?? null,
  };
}

/** `AWS::ECR::Repository hello-service (hatoba.yml ecr.repository; made by CloudFormation stack legacy)` */
export function conflictLine(conflict: ConflictReport): string {
  const origin = conflict.origin === null ? '' : `; made by ${conflict.origin}`;
  return `${conflict.type} ${conflict.name} (hatoba.yml ${conflict.configKey}${origin})`;
}

export interface ConflictScan {
  readonly conflicts: readonly Conflict[];
  /** Reads that were denied: those names could not be checked. */
  readonly warnings: readonly string[];
}

interface Reader {
  /** The name property in the template (each type's CloudFormation reference page). */
  readonly nameProperty: string;
  readonly configKey: string;
  /** The IAM action the read needs, for the warning when it is denied. */
  readonly action: string;
  read(clients: ReadClients, name: string, resource: NamedResource): Promise<LiveResource | undefined>;
}

const tagMap = (tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined) =>
  Object.fromEntries((tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
const lowerTagMap = (tags: readonly { key?: string | undefined; value?: string | undefined }[] | undefined) =>
  Object.fromEntries((tags ?? []).map((tag) => [tag.key ?? '', tag.value ?? '']));
const isNamed = (error: unknown, ...names: string[]) => error instanceof Error && names.includes(error.name);

const READERS: Record<string, Reader> = {
  'AWS::ECR::Repository': {
    nameProperty: 'RepositoryName',
    configKey: 'ecr.repository',
    action: 'ecr:DescribeRepositories',
    async read({ ecr }, name) {
      let repositories: Repository[] | undefined;
      try {
        ({ repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })));
      } catch (error) {
        // DescribeRepositories (ECR API Reference): RepositoryNotFoundException when the named repository is absent.
        if (isNamed(error, 'RepositoryNotFoundException')) return undefined;
        throw error;
      }
      const found = repositories?.[0];
      if (found === undefined) return undefined;
      let lifecycle: string | undefined;
      try {
        lifecycle = (await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: name }))).lifecyclePolicyText;
      } catch (error) {
        // GetLifecyclePolicy (ECR API Reference): LifecyclePolicyNotFoundException when the repository has none.
        if (!isNamed(error, 'LifecyclePolicyNotFoundException')) throw error;
      }
      const { tags } = await ecr.send(new ListTagsForResourceCommand({ resourceArn: found.repositoryArn }));
      const encryption = found.encryptionConfiguration;
      const filters = found.imageTagMutabilityExclusionFilters ?? [];
      return {
        properties: {
          ImageTagMutability: found.imageTagMutability ?? 'MUTABLE',
          ...(filters.length === 0
            ? {}
            : {
                ImageTagMutabilityExclusionFilters: filters.map((f) => ({
                  ImageTagMutabilityExclusionFilterType: f.filterType,
                  ImageTagMutabilityExclusionFilterValue: f.filter,
                })),
              }),
          ImageScanningConfiguration: { ScanOnPush: found.imageScanningConfiguration?.scanOnPush ?? false },
          EncryptionConfiguration: {
            EncryptionType: encryption?.encryptionType ?? 'AES256',
            ...(encryption?.kmsKey === undefined ? {} : { KmsKey: encryption.kmsKey }),
          },
          ...(lifecycle === undefined ? {} : { LifecyclePolicy: { LifecyclePolicyText: lifecycle } }),
        },
        tags: tagMap(tags),
      };
    },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    configKey: 'app',
    action: 'logs:DescribeLogGroups',
    async read({ logs }, name) {
      // DescribeLogGroups (CloudWatch Logs API Reference) filters by prefix only: keep the exact name.
      const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      const found = logGroups.find((group) => group.logGroupName === name);
      if (found === undefined) return undefined;
      return {
        properties: found.retentionInDays === undefined ? {} : { RetentionInDays: found.retentionInDays },
        tags: {},
      };
    },
  },
  'AWS::ECS::Cluster': {
    nameProperty: 'ClusterName',
    configKey: 'ecs.cluster',
    action: 'ecs:DescribeClusters',
    async read({ ecs }, name) {
      // DescribeClusters (ECS API Reference): a missing cluster is a `failures` entry (MISSING), not an error; a
      // deleted one stays INACTIVE for a while and its name is free again.
      const { clusters = [] } = await ecs.send(
        new DescribeClustersCommand({ clusters: [name], include: ['TAGS', 'SETTINGS'] }),
      );
      const found = clusters.find((cluster) => cluster.status === 'ACTIVE');
      if (found === undefined) return undefined;
      return {
        properties: {
          ClusterSettings: (found.settings ?? []).map((s) => ({ Name: s.name, Value: s.value })),
        },
        tags: lowerTagMap(found.tags),
      };
    },
  },
  'AWS::ECS::Service': {
    nameProperty: 'ServiceName',
    configKey: 'ecs.service',
    action: 'ecs:DescribeServices',
    async read({ ecs }, name, resource) {
      const cluster = resource.cluster;
      if (cluster === undefined) return undefined;
      try {
        const { services = [] } = await ecs.send(
          new DescribeServicesCommand({ cluster, services: [name], include: ['TAGS'] }),
        );
        const found = services.find((service) => service.status === 'ACTIVE');
        if (found === undefined) return undefined;
        return { properties: { ServiceArn: found.serviceArn, Cluster: cluster }, tags: lowerTagMap(found.tags) };
      } catch (error) {
        if (isNamed(error, 'ClusterNotFoundException')) return undefined;
        throw error;
      }
    },
  },
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    configKey: 'app',
    action: 'iam:GetRole',
    async read({ iam }, name) {
      const role = await getRole(iam, name);
      if (role === undefined) return undefined;
      // GetRole (IAM API Reference): AssumeRolePolicyDocument is URL-encoded (RFC 3986).
      const trust = role.AssumeRolePolicyDocument;
      return {
        properties: trust === undefined ? {} : { AssumeRolePolicyDocument: JSON.parse(decodeURIComponent(trust)) },
        tags: tagMap(role.Tags),
      };
    },
  },
};

/** Every resource of a type hatoba checks, found by type and name property in the synthesized templates. */
export function namedResources(stacks: readonly { stackName: string; template: Template }[]): NamedResource[] {
  return stacks.flatMap(({ stackName, template }) =>
    Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
      const reader = READERS[resource.Type];
      const name = resource.Properties?.[reader?.nameProperty ?? ''];
      if (reader === undefined || typeof name !== 'string') return [];
      const properties = resource.Properties ?? {};
      const cluster = clusterName(template, properties.Cluster);
      return [
        {
          stackName,
          logicalId,
          type: resource.Type,
          name,
          configKey: reader.configKey,
          properties,
          ...(cluster === undefined ? {} : { cluster }),
        },
      ];
    }),
  );
}

/** A service's Cluster property: a name, or a Ref to the template's cluster resource. */
function clusterName(template: Template, cluster: unknown): string | undefined {
  if (typeof cluster === 'string') return cluster;
  const ref = (cluster as { Ref?: unknown } | undefined)?.Ref;
  const name = typeof ref === 'string' ? template.Resources[ref]?.Properties?.ClusterName : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Which named resources already exist outside their stack. Read-only; a resource its own stack owns is no conflict,
 * and a denied read is a warning (that name could not be checked), never a failure.
 */
export async function findConflicts(
  clients: ReadClients,
  resources: readonly NamedResource[],
  stacks: readonly (Stack | undefined)[],
): Promise<ConflictScan> {
  const owned = await ownedResources(clients.cloudformation, stacks);
  const conflicts: Conflict[] = [];
  const warnings: string[] = [];
  for (const resource of resources) {
    const reader = READERS[resource.type];
    if (reader === undefined || isOwned(owned, resource)) continue;
    let live: LiveResource | undefined;
    try {
      live = await reader.read(clients, resource.name, resource);
    } catch (error) {
      if (!isAccessDenied(error)) throw error;
      warnings.push(
        `could not check whether ${resource.type} ${resource.name} already exists (${reader.action} denied); ` +
          'if it does, creating the stack fails with "already exists"',
      );
      continue;
    }
    if (live === undefined) continue;
    const stack = live.tags['aws:cloudformation:stack-name'];
    const origin =
      stack !== undefined
        ? `CloudFormation stack ${stack}`
        : live.tags['aws:cdk:path'] === undefined
          ? undefined
          : 'CDK';
    conflicts.push({ ...resource, live, ...(origin === undefined ? {} : { origin }) });
  }
  return { conflicts, warnings };
}

async function ownedResources(
  cloudformation: CloudFormationClient,
  stacks: readonly (Stack | undefined)[],
): Promise<StackResource[]> {
  const owned: StackResource[] = [];
  for (const stack of stacks) {
    // A stack awaiting its first change set owns nothing; one whose creation rolled back is deleted and recreated.
    if (stack === undefined || stack.StackStatus === 'REVIEW_IN_PROGRESS' || stack.StackStatus === 'ROLLBACK_COMPLETE')
      continue;
    const { StackResources = [] } = await cloudformation.send(
      new DescribeStackResourcesCommand({ StackName: stack.StackName }),
    );
    owned.push(...StackResources);
  }
  return owned;
}

/**
 * The stack has it: the same logical id and type in that stack, or a physical id that is the name (an ARN ending in
 * it for ECS services) in either stack.
 */
function isOwned(owned: readonly StackResource[], resource: NamedResource): boolean {
  return owned.some(
    (r) =>
      r.ResourceType === resource.type &&
      ((r.StackName === resource.stackName && r.LogicalResourceId === resource.logicalId) ||
        r.PhysicalResourceId === resource.name ||
        (r.PhysicalResourceId ?? '').endsWith(`/${resource.name}`)),
  );
}
