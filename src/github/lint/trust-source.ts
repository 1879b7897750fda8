import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { HatobaConfig } from '../../config/resolve.js';
import { errorMessage, UserError } from '../../errors.js';
import { type Message, message, say } from '../../i18n/message.js';
import { LINT, type LintKey } from '../../i18n/messages/lint.js';
import { normalizePolicy, type PolicyWarning, parsePolicyText } from '../../iam/policy.js';
import { pushTrustPolicy, subjectOptions, type TrustPolicy, trustPolicy } from '../../iam/trust.js';
import { resourceArns } from '../../naming.js';
import type { EnvironmentTargets, TrustTarget } from './rule.js';

/** A trust policy given as text (a file, or doctor's live one), with what to call it in messages. */
export interface GivenTrustPolicy {
  readonly text: string;
  readonly source: string;
  readonly sourceMessage?: Message<LintKey>;
}

export interface TrustSourceOptions {
  /** `--trust-policy FILE`: a policy document or `aws iam get-role` output. */
  readonly trustPolicyFile?: string | undefined;
  /** A trust policy read from somewhere else (the live role): its text and the name messages give it. */
  readonly trustPolicy?: GivenTrustPolicy | undefined;
  readonly config?: HatobaConfig | undefined;
  /** `owner/repo` when there is no config (from the git remote). */
  readonly repository?: string | undefined;
  readonly cwd: string;
}

/**
 * The role the workflows must satisfy: the given trust policy, else the one hatoba generates from hatoba.yml.
 * Undefined when there is neither, or no repository to predict subjects for.
 */
export async function trustTarget(
  options: TrustSourceOptions,
): Promise<{ target: TrustTarget | undefined; warnings: PolicyWarning[] }> {
  const { config } = options;
  const repository = config?.github.repository ?? options.repository;
  const ids = {
    ...(config?.github.subject.ownerId === undefined ? {} : { ownerId: config.github.subject.ownerId }),
    ...(config?.github.subject.repositoryId === undefined ? {} : { repositoryId: config.github.subject.repositoryId }),
  };
  const subject = config === undefined ? {} : subjectOptions(config);
  const roleArn = config === undefined ? {} : { roleArn: resourceArns(config).deployRole };
  if (options.trustPolicyFile !== undefined || options.trustPolicy !== undefined) {
    if (repository === undefined) {
      throw new UserError(
        '--trust-policy needs to know the repository the workflows run in',
        'Run lint inside a clone whose origin is on GitHub, or pass --config hatoba.yml.',
      );
    }
    const given = options.trustPolicy ?? (await readTrustPolicyFile(options.trustPolicyFile ?? '', options.cwd));
    const { text, source } = given;
    const { policy, warnings } = parsePolicyText(text, source);
    const sourceMessage = 'sourceMessage' in given ? given.sourceMessage : undefined;
    return {
      target: {
        policy,
        source,
        ...(sourceMessage === undefined ? {} : { sourceMessage }),
        repository,
        subject,
        ...ids,
        ...roleArn,
      },
      warnings,
    };
  }
  if (config === undefined) return { target: undefined, warnings: [] };
  return {
    target: generatedTarget(config, trustPolicy(config), message('source.generated'), resourceArns(config).deployRole),
    warnings: [],
  };
}

/** A trust policy hatoba generates, as the target a job is checked against. */
function generatedTarget(
  config: HatobaConfig,
  generated: TrustPolicy,
  sourceMessage: Message<LintKey>,
  roleArn: string | undefined,
): TrustTarget {
  const { ownerId, repositoryId } = config.github.subject;
  return {
    policy: normalizePolicy(generated.document, 'the generated trust policy'),
    source: say(LINT, 'en', sourceMessage),
    sourceMessage,
    repository: config.github.repository,
    subject: subjectOptions(config),
    ...(ownerId === undefined ? {} : { ownerId }),
    ...(repositoryId === undefined ? {} : { repositoryId }),
    ...(roleArn === undefined ? {} : { roleArn }),
  };
}

/**
 * With `environments` (every environment's configuration, in promotion order): the push role's trust for the build
 * job and each environment's deploy role trust, all generated from hatoba.yml. Undefined for a single-environment
 * file.
 */
export function environmentTargets(environments: readonly HatobaConfig[]): EnvironmentTargets | undefined {
  const [first] = environments;
  if (first === undefined) return undefined;
  return {
    push: generatedTarget(first, pushTrustPolicy(first), message('source.push-role'), resourceArns(first).pushRole),
    environments: environments.map((config) => {
      const name = config.environment?.name ?? '';
      const generated = trustPolicy(config);
      return {
        name,
        githubEnvironment: config.github.environment ?? name,
        trust: generatedTarget(
          config,
          generated,
          message('source.environment-role', { name }),
          resourceArns(config).deployRole,
        ),
        subjects: [...generated.subjects, ...generated.subjectPatterns],
      };
    }),
  };
}

async function readTrustPolicyFile(path: string, cwd: string): Promise<{ text: string; source: string }> {
  try {
    return { text: await readFile(resolve(cwd, path), 'utf8'), source: path };
  } catch (error) {
    throw new UserError(`--trust-policy: cannot read ${path}: ${errorMessage(error)}`);
  }
}
