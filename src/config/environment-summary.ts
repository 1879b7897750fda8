import type { LoadedConfig } from './load.js';

/** One environment as `config validate` shows it: where it runs, who may deploy it, what it sets itself. */
export interface EnvironmentSummary {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** The GitHub environment whose jobs alone may assume its deploy role. */
  readonly githubEnvironment: string;
  readonly cluster: string;
  readonly service: string;
  /** Keys it sets itself (dotted); everything else comes from the top level. */
  readonly overrides: readonly string[];
}

/** Every environment of a file with `environments`, in promotion order; empty for a single-environment file. */
export function summarizeEnvironments(loaded: Pick<LoadedConfig, 'environments' | 'environmentKeys'>) {
  return loaded.environments.map((config): EnvironmentSummary => {
    const name = config.environment?.name ?? '';
    return {
      name,
      account: config.aws.account,
      region: config.aws.region,
      githubEnvironment: config.github.environment ?? name,
      cluster: config.ecs.cluster,
      service: config.ecs.service,
      overrides: loaded.environmentKeys?.[name] ?? [],
    };
  });
}
