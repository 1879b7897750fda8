import type { HatobaConfig } from './config/resolve.js';
import { parseRoleArn } from './config/role-arn.js';

/** The OIDC issuer of github.com Actions tokens, without scheme (the form IAM uses in ARNs and condition keys). */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_ISSUER = `https://${GITHUB_OIDC_HOST}`;

/**
 * Deterministic names of everything hatoba creates. The deploy role's policy, the stacks and the deploy command all
 * derive names from here, so the pipeline stack can scope permissions to resources of the service stack without
 * cross-stack references.
 */
export function resourceNames(config: HatobaConfig) {
  const { app } = config;
  return {
    pipelineStack: `${app}-pipeline`,
    serviceStack: `${app}-service`,
    /** The role hatoba creates, or the name in `github.roleArn` (the role the user brought). */
    deployRoleName: existingRoleName(config) ?? `${app}-github-deploy`,
    executionRoleName: `${app}-task-execution`,
    taskRoleName: `${app}-task`,
    taskFamily: app,
    /**
     * Family of the service stack's own placeholder task definition (used until the first deploy). Kept apart from
     * `taskFamily`, so deploys and rollbacks only ever see revisions that `hatoba deploy` registered.
     */
    bootstrapTaskFamily: `${app}-bootstrap`,
    containerName: config.ecs.container.name,
    logGroupName: `/hatoba/${app}`,
    /** awslogs stream prefix: container logs land in `<prefix>/<container>/<task id>`. */
    logStreamPrefix: 'ecs',
    repository: config.ecr.repository,
    cluster: config.ecs.cluster,
    service: config.ecs.service,
    /** CloudWatch alarms ECS watches during deploys (ecs.rollbackAlarms); deploy reads them when one fires. */
    alarms: { http5xx: `${app}-rollback-5xx`, unhealthyHosts: `${app}-rollback-unhealthy-hosts` },
  };
}

export type ResourceNames = ReturnType<typeof resourceNames>;

/** ARNs of the same resources, in the configured account, Region and partition. */
export function resourceArns(config: HatobaConfig) {
  const { account, region, partition } = config.aws;
  const names = resourceNames(config);
  const arn = (service: string, resource: string, inRegion = region) =>
    `arn:${partition}:${service}:${inRegion}:${account}:${resource}`;
  return {
    oidcProvider: arn('iam', `oidc-provider/${GITHUB_OIDC_HOST}`, ''),
    deployRole: deployRoleArn(config),
    executionRole: arn('iam', `role/${names.executionRoleName}`, ''),
    taskRole: arn('iam', `role/${names.taskRoleName}`, ''),
    repository: arn('ecr', `repository/${names.repository}`),
    cluster: arn('ecs', `cluster/${names.cluster}`),
    service: arn('ecs', `service/${names.cluster}/${names.service}`),
    taskDefinitionFamily: arn('ecs', `task-definition/${names.taskFamily}:*`),
    logGroup: arn('logs', `log-group:${names.logGroupName}`),
    pipelineStack: arn('cloudformation', `stack/${names.pipelineStack}/*`),
    serviceStack: arn('cloudformation', `stack/${names.serviceStack}/*`),
    /** The app's rollback alarms (Service Authorization Reference, CloudWatch: alarm:${AlarmName}). */
    rollbackAlarms: Object.values(names.alarms).map((name) => arn('cloudwatch', `alarm:${name}`)),
  };
}

export type ResourceArns = ReturnType<typeof resourceArns>;

/**
 * The deploy role's ARN: `github.roleArn` when the user brings a role, else the one the pipeline stack creates.
 * Everything that names the deploy role (workflow variable, policy, lint, explain, rehearse, doctor) goes through here.
 */
export function deployRoleArn(config: HatobaConfig): string {
  if (config.github.roleArn !== undefined) return config.github.roleArn;
  const { account, partition } = config.aws;
  return `arn:${partition}:iam::${account}:role/${resourceNames(config).deployRoleName}`;
}

function existingRoleName(config: HatobaConfig): string | undefined {
  if (config.github.roleArn === undefined) return undefined;
  const role = parseRoleArn(config.github.roleArn);
  return 'problem' in role ? undefined : role.name;
}

/** Whether hatoba creates and updates the deploy role (false: `github.roleArn` names a role it leaves alone). */
export function managesDeployRole(config: HatobaConfig): boolean {
  return config.github.roleArn === undefined;
}

/** `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/<repository>` */
export function repositoryUri(config: HatobaConfig): string {
  const suffix = config.aws.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${config.aws.account}.dkr.ecr.${config.aws.region}.${suffix}/${config.ecr.repository}`;
}
