import { buildAccountEnvironment } from '../config/account-environments.js';
import { chooseEnvironment } from '../config/environments.js';
import type { LoadedConfig } from '../config/load.js';
import { displayPath } from '../fs/display-path.js';
import { buildJobConfig } from '../iam/trust.js';
import { generatedPushTrustPolicy, generatedTrustPolicy, type TrustInput } from '../iam/trust-input.js';
import type { TriggerOptions } from './trigger.js';

/** Which job a rehearsal plays and which role's trust its token meets. */
export interface RehearsalTarget {
  readonly loaded: LoadedConfig;
  /** The job's `environment:` for rehearsedJob (undefined: the configuration's own). */
  readonly environment: TriggerOptions['environment'];
  /** The generated trust policy of the role that job assumes (unless --trust-policy gives another). */
  readonly trust: () => TrustInput;
}

/**
 * What `--environment` means to rehearse. A single-environment file: the job's `environment:` (a name, or `false`
 * for `--no-environment`), checked against the deploy role. A file with `environments` (loaded with
 * `anyEnvironment`): NAME is one of them, chosen as every command chooses (named, else HATOBA_ENVIRONMENT, else the
 * only one; several and none named is exit 2), and its deploy job runs in its GitHub environment against its deploy
 * role; `--no-environment` is the build job, against the push role of the build account.
 */
export function rehearsalTarget(
  loaded: LoadedConfig,
  environment: TriggerOptions['environment'],
  options: { readonly named: boolean; readonly cwd: string },
): RehearsalTarget {
  if (loaded.environments.length === 0) {
    return { loaded, environment, trust: () => generatedTrustPolicy(loaded, options.cwd) };
  }
  if (environment === false) {
    const host = buildAccountEnvironment(loaded.environments) ?? loaded.config;
    return {
      loaded: { ...loaded, config: buildJobConfig(host) },
      environment: false,
      trust: () => generatedPushTrustPolicy(loaded, options.cwd),
    };
  }
  const file = displayPath(options.cwd, loaded.path);
  const chosen =
    environment === undefined && options.named
      ? loaded.config
      : chooseEnvironment(loaded.environments, { name: environment }, file);
  const config = chosen ?? loaded.config;
  const target = { ...loaded, config };
  return { loaded: target, environment: undefined, trust: () => generatedTrustPolicy(target, options.cwd) };
}
