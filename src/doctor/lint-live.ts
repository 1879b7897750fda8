import { errorMessage, UserError } from '../errors.js';
import type { Finding } from '../github/lint/finding.js';
import { type LintRepositoryInput, lintRepository } from '../github/lint/lint-repository.js';
import { type CheckResult, type DoctorInput, warn } from './check.js';

/**
 * The repository's workflows linted against a live setting (the role's trust policy, the repository's tag
 * mutability) instead of hatoba.yml's; a workflows directory that cannot be read is the check's warning.
 */
export async function lintAgainstLive(
  input: DoctorInput,
  id: string,
  live: Pick<LintRepositoryInput, 'trustPolicy' | 'registry'>,
): Promise<Finding[] | CheckResult> {
  try {
    const { findings } = await lintRepository({
      dir: input.dir,
      cwd: input.cwd,
      config: async () => input.config,
      trustPolicyFile: undefined,
      ...live,
      actionlint: false,
      signal: input.signal,
    });
    return [...findings];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return warn(
      id,
      `workflows not checked: ${errorMessage(error)}`,
      error.hint ?? 'Run doctor from the repository root or pass --dir.',
    );
  }
}
