import { defaultAudience, type Partition, partitionOf } from './regions.js';
import type { ParsedConfig } from './schema.js';

type Resolved<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };

/** Which of hatoba.yml's `environments` a configuration was made for, and where the one image is built. */
export interface EnvironmentTarget {
  /** The key in `environments`, e.g. `staging`. */
  readonly name: string;
  /** Every environment, in promotion order (the order of the file). */
  readonly names: readonly string[];
  /** The build account (top-level `aws`): it holds the image repository and the push role. */
  readonly build: { readonly account: string; readonly region: string; readonly partition: Partition };
}

/**
 * The configuration every command works with: validated, defaults applied, names derived from `app` filled in. For a
 * file with `environments`, one environment's: its settings merged over the top level, `environment` set.
 */
export type HatobaConfig = Omit<ParsedConfig, 'aws' | 'github' | 'ecr' | 'ecs' | 'environments'> & {
  aws: ParsedConfig['aws'] & { partition: Partition };
  github: Resolved<ParsedConfig['github'], 'audience'>;
  ecr: Resolved<ParsedConfig['ecr'], 'repository'>;
  ecs: Resolved<ParsedConfig['ecs'], 'cluster' | 'service'>;
  /** Set when hatoba.yml has `environments`; undefined for a single-environment file. */
  environment?: EnvironmentTarget;
};

export function resolveConfig(parsed: ParsedConfig, target?: EnvironmentTarget): HatobaConfig {
  // The schema has already rejected unknown regions, so a partition always exists here.
  const partition = partitionOf(parsed.aws.region) ?? 'aws';
  const { environments: _all, ...rest } = parsed;
  // Per environment, the cluster is `<app>-<name>`: environments sharing an account and Region never share a cluster.
  const base = target === undefined ? parsed.app : `${parsed.app}-${target.name}`;
  return {
    ...rest,
    aws: { ...parsed.aws, partition },
    github: { ...parsed.github, audience: parsed.github.audience ?? defaultAudience(partition) },
    ecr: { ...parsed.ecr, repository: parsed.ecr.repository ?? parsed.app },
    ecs: { ...parsed.ecs, cluster: parsed.ecs.cluster ?? base, service: parsed.ecs.service ?? parsed.app },
    ...(target === undefined ? {} : { environment: target }),
  };
}
