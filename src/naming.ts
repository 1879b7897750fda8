import type { HatobaConfig } from './config/resolve.js';

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
    deployRoleName: `${app}-github-deploy`,
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
    deployRole: arn('iam', `role/${names.deployRoleName}`, ''),
    executionRole: arn('iam', `role/${names.executionRoleName}`, ''),
    taskRole: arn('iam', `role/${names.taskRoleName}`, ''),
    repository: arn('ecr', `repository/${names.repository}`),
    cluster: arn('ecs', `cluster/${names.cluster}`),
    service: arn('ecs', `service/${names.cluster}/${names.service}`),
    taskDefinitionFamily: arn('ecs', `task-definition/${names.taskFamily}:*`),
    logGroup: arn('logs', `log-group:${names.logGroupName}`),
    pipelineStack: arn('cloudformation', `stack/${names.pipelineStack}/*`),
    serviceStack: arn('cloudformation', `stack/${names.serviceStack}/*`),
  };
}

export type ResourceArns = ReturnType<typeof resourceArns>;

/** The role the deploy job assumes: the one place commands that read the live role take its ARN from. */
export function deployRoleArn(config: HatobaConfig): string {
  return resourceArns(config).deployRole;
}

/** `123456789012.dkr.ecr.eu-west-1.amazonaws.com/<repository>` */
export function repositoryUri(config: HatobaConfig): string {
  const suffix = config.aws.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${config.aws.account}.dkr.ecr.${config.aws.region}.${suffix}/${config.ecr.repository}`;
}
