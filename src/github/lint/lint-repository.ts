import { resolve } from 'node:path';
import type { HatobaConfig } from '../../config/resolve.js';
import type { PolicyWarning } from '../../iam/policy.js';
import { detectDefaultBranch, detectRepository } from '../git-remote.js';
import type { Finding } from './finding.js';
import { isReadable, lintWorkflows, readWorkflowSources } from './lint.js';
import { registryTarget } from './registry-cache.js';
import type { RegistryTarget, TrustTarget } from './rule.js';
import { trustTarget } from './trust-source.js';

export interface LintRepositoryInput {
  /** Repository root or workflows directory, resolved against `cwd`. */
  readonly dir: string;
  readonly cwd: string;
  /**
   * hatoba.yml's settings when there is one (its trust policy and registry are what the workflows must fit); called
   * once the workflows are read, with the resolved directory.
   */
  readonly config: (dir: string) => Promise<HatobaConfig | undefined>;
  readonly trustPolicyFile: string | undefined;
  /** Checks against this trust policy text instead (doctor: the live role's); wins over `trustPolicyFile`. */
  readonly trustPolicy?: { readonly text: string; readonly source: string } | undefined;
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
  const config = await input.config(dir);
  const repository = config === undefined ? await detectRepository(dir) : undefined;
  const { target, warnings } = await trustTarget({
    trustPolicyFile: input.trustPolicyFile,
    trustPolicy: input.trustPolicy,
    config,
    repository,
    cwd: input.cwd,
  });
  const defaultBranch = (await detectDefaultBranch(dir)) ?? config?.github.branches[0] ?? 'main';
  const findings = await lintWorkflows(sources, {
    defaultBranch,
    trust: target,
    registry: input.registry ?? (config === undefined ? undefined : registryTarget(config)),
    actionlint: input.actionlint,
    signal: input.signal,
  });
  return { findings, warnings, workflowsRead: sources.filter(isReadable).length, target };
}
