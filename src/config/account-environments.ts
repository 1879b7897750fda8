import type { HatobaConfig } from './resolve.js';

/**
 * How hatoba.yml's environments share AWS accounts. Each account holds one `<app>-pipeline` stack (IAM role names
 * are account-wide, so two stacks could not both create `<app>-<env>-github-deploy`); the build account's also holds
 * the image repository and the push role.
 */

/** Whether the configuration's account is the build account (always, for a single-environment file). */
export function inBuildAccount(config: HatobaConfig): boolean {
  return config.environment === undefined || config.aws.account === config.environment.build.account;
}

/** The environments whose resources live in `config`'s account, in promotion order (`config` itself included). */
export function environmentsInAccount(config: HatobaConfig, environments: readonly HatobaConfig[]): HatobaConfig[] {
  if (environments.length === 0) return [config];
  return environments.filter((each) => each.aws.account === config.aws.account);
}

/**
 * The first environment in the build account (top-level `aws`): where the repository and the push role live, so the
 * build job's settings are its. environment-rules.ts requires one; undefined for a single-environment file.
 */
export function buildAccountEnvironment(environments: readonly HatobaConfig[]): HatobaConfig | undefined {
  return environments.find(inBuildAccount);
}

/** Environments in other accounts than the build account: their execution roles pull across accounts. */
export function crossAccountEnvironments(environments: readonly HatobaConfig[]): HatobaConfig[] {
  return environments.filter((each) => !inBuildAccount(each));
}

/**
 * The Region of the account's pipeline stack: the build Region in the build account (where the repository is), else
 * the Region of the first environment in that account. The stack's roles are global either way.
 */
export function pipelineRegion(config: HatobaConfig, environments: readonly HatobaConfig[]): string {
  if (config.environment === undefined) return config.aws.region;
  if (inBuildAccount(config)) return config.environment.build.region;
  return environmentsInAccount(config, environments)[0]?.aws.region ?? config.aws.region;
}
