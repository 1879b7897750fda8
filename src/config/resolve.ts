import { defaultAudience, type Partition, partitionOf } from './regions.js';
import type { ParsedConfig } from './schema.js';

type Resolved<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };

/** The configuration every command works with: validated, defaults applied, names derived from `app` filled in. */
export type HatobaConfig = Omit<ParsedConfig, 'aws' | 'github' | 'ecr' | 'ecs'> & {
  aws: ParsedConfig['aws'] & { partition: Partition };
  github: Resolved<ParsedConfig['github'], 'audience'>;
  ecr: Resolved<ParsedConfig['ecr'], 'repository'>;
  ecs: Resolved<ParsedConfig['ecs'], 'cluster' | 'service'>;
};

export function resolveConfig(parsed: ParsedConfig): HatobaConfig {
  // The schema has already rejected unknown regions, so a partition always exists here.
  const partition = partitionOf(parsed.aws.region) ?? 'aws';
  return {
    ...parsed,
    aws: { ...parsed.aws, partition },
    github: { ...parsed.github, audience: parsed.github.audience ?? defaultAudience(partition) },
    ecr: { ...parsed.ecr, repository: parsed.ecr.repository ?? parsed.app },
    ecs: { ...parsed.ecs, cluster: parsed.ecs.cluster ?? parsed.app, service: parsed.ecs.service ?? parsed.app },
  };
}
