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
  // Per environment, what belongs to one environment is named `<app>-<environment>-…`; the repository, the push role
  // and the pipeline stack (one per account) are shared.
  const own = config.environment === undefined ? app : `${app}-${config.environment.name}`;
  return {
    /** One per account: the OIDC provider, the deploy roles (and, in the build account, the repository). */
    pipelineStack: `${app}-pipeline`,
    serviceStack: `${own}-service`,
    /** The role hatoba creates, or the name in `github.roleArn` (the role the user brought). */
    deployRoleName: existingRoleName(config) ?? `${own}-github-deploy`,
    /** With `environments`: the build job's role in the build account, which may only push to the repository. */
    pushRoleName: `${app}-github-push`,
    executionRoleName: `${own}-task-execution`,
    taskRoleName: `${own}-task`,
    taskFamily: own,
    /**
     * Family of the service stack's own placeholder task definition (used until the first deploy). Kept apart from
     * `taskFamily`, so deploys and rollbacks only ever see revisions that `hatoba deploy` registered.
     */
    bootstrapTaskFamily: `${own}-bootstrap`,
    containerName: config.ecs.container.name,
    logGroupName: config.environment === undefined ? `/hatoba/${app}` : `/hatoba/${app}/${config.environment.name}`,
    /** awslogs stream prefix: container logs land in `<prefix>/<container>/<task id>`. */
    logStreamPrefix: 'ecs',
    repository: config.ecr.repository,
    cluster: config.ecs.cluster,
    service: config.ecs.service,
    /** CloudWatch alarms ECS watches during deploys (ecs.rollbackAlarms); deploy reads them when one fires. */
    alarms: { http5xx: `${own}-rollback-5xx`, unhealthyHosts: `${own}-rollback-unhealthy-hosts` },
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
    /** In the build account (`environment.build`), which may differ from the environment's. */
    repository: repositoryArn(config),
    /** With `environments`: the build job's role, in the build account. */
    pushRole: `arn:${partition}:iam::${buildAccount(config).account}:role/${names.pushRoleName}`,
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

/** Where the image is built and stored: the build account (top-level `aws`) of a file with `environments`. */
export function buildAccount(config: HatobaConfig): { account: string; region: string } {
  return config.environment?.build ?? config.aws;
}

/** The image repository's ARN, in the build account. */
export function repositoryArn(config: HatobaConfig): string {
  const { account, region } = buildAccount(config);
  return `arn:${config.aws.partition}:ecr:${region}:${account}:repository/${config.ecr.repository}`;
}

/** `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/<repository>`, in the build account. */
export function repositoryUri(config: HatobaConfig): string {
  const { account, region } = buildAccount(config);
  const suffix = config.aws.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${account}.dkr.ecr.${region}.${suffix}/${config.ecr.repository}`;
}
