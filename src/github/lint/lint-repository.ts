import { resolve } from 'node:path';
import type { HatobaConfig } from '../../config/resolve.js';
import { message, say } from '../../i18n/message.js';
import { LINT } from '../../i18n/messages/lint.js';
import type { PolicyWarning } from '../../iam/policy.js';
import { detectDefaultBranch, detectRepository } from '../git-remote.js';
import type { Finding } from './finding.js';
import { isReadable, lintWorkflows, readWorkflowSources } from './lint.js';
import { registryTarget } from './registry-cache.js';
import type { RegistryTarget, TrustTarget } from './rule.js';
import { environmentTargets, type GivenTrustPolicy, trustTarget } from './trust-source.js';

/** hatoba.yml as lint reads it: the chosen configuration and, for a file with `environments`, every environment's. */
export interface LintConfigs {
  readonly config: HatobaConfig;
  readonly environments: readonly HatobaConfig[];
}

export interface LintRepositoryInput {
  /** Repository root or workflows directory, resolved against `cwd`. */
  readonly dir: string;
  readonly cwd: string;
  /**
   * hatoba.yml's settings when there is one (its trust policy and registry are what the workflows must fit); called
   * once the workflows are read, with the resolved directory.
   */
  readonly config: (dir: string) => Promise<HatobaConfig | LintConfigs | undefined>;
  readonly trustPolicyFile: string | undefined;
  /** Checks against this trust policy text instead (doctor: the live role's); wins over `trustPolicyFile`. */
  readonly trustPolicy?: GivenTrustPolicy | undefined;
  /** The registry to check cache exports against instead of the one hatoba.yml declares (doctor: the live one). */
  readonly registry?: RegistryTarget | undefined;
  readonly actionlint: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface LintRepositoryResult {
  readonly findings: readonly Finding[];
  /** Problems of the trust policy itself. */
  readonly warnings: readonly PolicyWarning[];
  readonly workflowsRead: number;
  /** What the workflows were checked against; undefined: trust checks skipped. */
  readonly target: TrustTarget | undefined;
}

/** `hatoba lint`'s work: read the workflows, work out which trust policy they must satisfy, and check them. */
export async function lintRepository(input: LintRepositoryInput): Promise<LintRepositoryResult> {
  const dir = resolve(input.cwd, input.dir);
  const sources = await readWorkflowSources(dir, input.cwd, input.signal);
  const loaded = await input.config(dir);
  const { config, environments = [] } =
    loaded === undefined || 'config' in loaded ? (loaded ?? {}) : { config: loaded };
  const repository = config === undefined ? await detectRepository(dir) : undefined;
  const { target, warnings } = await trustTarget({
    trustPolicyFile: input.trustPolicyFile,
    trustPolicy: input.trustPolicy,
    config,
    repository,
    cwd: input.cwd,
  });
  const defaultBranch = (await detectDefaultBranch(dir)) ?? config?.github.branches[0] ?? 'main';
  // A trust policy given instead of hatoba.yml's is the one role every job is checked against.
  const byEnvironment =
    input.trustPolicyFile === undefined && input.trustPolicy === undefined
      ? environmentTargets(environments)
      : undefined;
  const findings = await lintWorkflows(sources, {
    defaultBranch,
    trust: target,
    environments: byEnvironment,
    registry: input.registry ?? (config === undefined ? undefined : registryTarget(config)),
    actionlint: input.actionlint,
    signal: input.signal,
  });
  // With `environments` the jobs were checked against several roles; the summary names them together.
  const checked =
    target !== undefined && byEnvironment !== undefined
      ? {
          ...target,
          source: say(LINT, 'en', message('source.all-roles')),
          sourceMessage: message('source.all-roles'),
        }
      : target;
  return { findings, warnings, workflowsRead: sources.filter(isReadable).length, target: checked };
}
