import { describeValue } from '../quote.js';
import { partitionOf } from './regions.js';
import type { ParsedConfig } from './schema.js';

/** Longest `app`: the names derived from it (`<app>-task-execution`, …) stay within IAM's 64 characters. */
const MAX_QUALIFIED_NAME = 40;
/** `*` and `?`: IAM StringLike wildcards. */
const WILDCARD = /[*?]/;

export interface EnvironmentProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Rules that relate the environments to the top level and to each other; each environment's own settings are
 * validated after merging (environments.ts). Each rule keeps one environment from reaching another's deploy role or
 * resources, or keeps the promotion of one image possible.
 */
export function environmentProblems(config: ParsedConfig): EnvironmentProblem[] {
  const environments = config.environments;
  if (environments === undefined) return [];
  const problems: EnvironmentProblem[] = [];
  if (config.github.environment !== undefined) {
    problems.push({
      path: ['github', 'environment'],
      message:
        'cannot be combined with `environments`: each environment names its own GitHub environment ' +
        '(environments.NAME.github.environment, default NAME); remove github.environment',
    });
  }
  if (config.github.roleArn !== undefined) {
    problems.push({
      path: ['github', 'roleArn'],
      message:
        'cannot be combined with `environments`: hatoba creates one deploy role per environment, each trusted by ' +
        'its GitHub environment only; remove github.roleArn',
    });
  }
  if (config.github.branches.length === 0 && config.github.tags.length === 0) {
    problems.push({
      path: ['github', 'branches'],
      message: 'with `environments`, the build job runs on pushes to these branches (or tags); give at least one',
    });
  }
  const buildPartition = partitionOf(config.aws.region);
  const githubNames = new Map<string, string>();
  const services = new Map<string, string>();
  let buildAccountHostsOne = false;
  for (const [name, environment] of Object.entries(environments)) {
    const at = (...keys: string[]) => ['environments', name, ...keys];
    const qualified = `${config.app}-${name}`;
    if (qualified.length > MAX_QUALIFIED_NAME) {
      problems.push({
        path: at(),
        message:
          `${describeValue(qualified)} (app-environment) is ${qualified.length} characters; it names roles and ` +
          `stacks, so app and environment name together must stay within ${MAX_QUALIFIED_NAME}: shorten one`,
      });
    }
    const account = environment.aws?.account ?? config.aws.account;
    const region = environment.aws?.region ?? config.aws.region;
    if (account === config.aws.account) buildAccountHostsOne = true;
    const partition = partitionOf(region);
    if (partition !== undefined && buildPartition !== undefined && partition !== buildPartition) {
      problems.push({
        path: at('aws', 'region'),
        message:
          `${region} is in partition ${partition}, the build account's aws.region ${config.aws.region} in ` +
          `${buildPartition}: an image cannot be pulled across partitions; keep every environment in ${buildPartition}`,
      });
    }
    const githubName = environment.github?.environment ?? name;
    if (WILDCARD.test(githubName)) {
      problems.push({
        path: at('github', 'environment'),
        message: `${describeValue(githubName)} is a pattern: each environment's role trusts exactly one GitHub environment`,
      });
    }
    const other = githubNames.get(githubName);
    if (other !== undefined) {
      problems.push({
        path: at('github', 'environment'),
        message:
          `GitHub environment ${describeValue(githubName)} is also environment ${other}'s: a token of one could then ` +
          "assume the other's deploy role; give each environment its own GitHub environment",
      });
    } else githubNames.set(githubName, name);
    // The defaults (resolve.ts): cluster <app>-<name>, service <app>.
    const cluster = environment.ecs?.cluster ?? config.ecs.cluster ?? qualified;
    const service = environment.ecs?.service ?? config.ecs.service ?? config.app;
    const where = `${account}/${region}/${cluster}/${service}`;
    const sameService = services.get(where);
    if (sameService !== undefined) {
      problems.push({
        path: at('ecs', 'service'),
        message:
          `environments ${sameService} and ${name} would both be service ${service} of cluster ${cluster} in ` +
          `${account} ${region}; give one its own ecs.cluster or ecs.service`,
      });
    } else services.set(where, name);
  }
  if (!buildAccountHostsOne && Object.keys(environments).length > 0) {
    problems.push({
      path: ['aws', 'account'],
      message:
        `${config.aws.account} (the build account, which holds the image repository) hosts none of the ` +
        "environments: `hatoba up --environment NAME` in that account creates the repository; set one environment's " +
        'aws.account to it, or make aws.account the account of the first environment',
    });
  }
  return problems;
}
