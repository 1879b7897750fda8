import { type Message, message } from '../i18n/message.js';
import type { ConfigKey } from '../i18n/messages/config.js';
import { describeValue } from '../quote.js';
import { partitionOf } from './regions.js';
import type { ParsedConfig } from './schema.js';

/** Longest `app`: the names derived from it (`<app>-task-execution`, …) stay within IAM's 64 characters. */
const MAX_QUALIFIED_NAME = 40;
/** `*` and `?`: IAM StringLike wildcards. */
const WILDCARD = /[*?]/;

export interface EnvironmentProblem {
  readonly path: (string | number)[];
  readonly wording: Message<ConfigKey>;
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
      wording: message('environments.github-environment'),
    });
  }
  if (config.github.roleArn !== undefined) {
    problems.push({
      path: ['github', 'roleArn'],
      wording: message('environments.role-arn'),
    });
  }
  if (config.github.branches.length === 0 && config.github.tags.length === 0) {
    problems.push({
      path: ['github', 'branches'],
      wording: message('environments.no-branches'),
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
        wording: message('environments.name-too-long', {
          name: describeValue(qualified),
          length: qualified.length,
          maximum: MAX_QUALIFIED_NAME,
        }),
      });
    }
    const account = environment.aws?.account ?? config.aws.account;
    const region = environment.aws?.region ?? config.aws.region;
    if (account === config.aws.account) buildAccountHostsOne = true;
    const partition = partitionOf(region);
    if (partition !== undefined && buildPartition !== undefined && partition !== buildPartition) {
      problems.push({
        path: at('aws', 'region'),
        wording: message('environments.partition', {
          region,
          partition,
          buildRegion: config.aws.region,
          buildPartition,
        }),
      });
    }
    const githubName = environment.github?.environment ?? name;
    if (WILDCARD.test(githubName)) {
      problems.push({
        path: at('github', 'environment'),
        wording: message('environments.pattern', { name: describeValue(githubName) }),
      });
    }
    const other = githubNames.get(githubName);
    if (other !== undefined) {
      problems.push({
        path: at('github', 'environment'),
        wording: message('environments.shared-github-environment', { name: describeValue(githubName), other }),
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
        wording: message('environments.same-service', {
          first: sameService,
          second: name,
          service,
          cluster,
          account,
          region,
        }),
      });
    } else services.set(where, name);
  }
  if (!buildAccountHostsOne && Object.keys(environments).length > 0) {
    problems.push({
      path: ['aws', 'account'],
      wording: message('environments.build-account', { account: config.aws.account }),
    });
  }
  return problems;
}
