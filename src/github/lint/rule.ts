import { type Message, say } from '../../i18n/message.js';
import { LINT, type LintKey } from '../../i18n/messages/lint.js';
import type { PolicyDocument } from '../../iam/policy.js';
import type { SubjectOptions } from '../../oidc/claims.js';
import type { Finding, Severity } from './finding.js';
import type { Workflow, YamlPath } from './workflow.js';

/** The role whose trust policy the workflows are checked against, and how the repository's tokens look. */
export interface TrustTarget {
  readonly policy: PolicyDocument;
  /** Names the policy in messages: a file, or "the trust policy generated from hatoba.yml". */
  readonly source: string;
  /** `source` as a message, said in the reader's language (a file's path needs none). */
  readonly sourceMessage?: Message<LintKey>;
  /** `owner/repo` the workflows run in. */
  readonly repository: string;
  readonly ownerId?: number;
  readonly repositoryId?: number;
  readonly subject: SubjectOptions;
  /** The role's ARN when known; a step assuming a different, literal ARN is another role and is not checked. */
  readonly roleArn?: string;
}

/** One environment of hatoba.yml's `environments`: its deploy role's trust, and the GitHub environment it trusts. */
export interface EnvironmentTarget {
  /** The key in `environments` (what `hatoba deploy --environment` names). */
  readonly name: string;
  /** The GitHub environment its deploy job runs in (`environment:`), the only one its deploy role trusts. */
  readonly githubEnvironment: string;
  readonly trust: TrustTarget;
  /** The subjects its deploy role trusts, for messages. */
  readonly subjects: readonly string[];
}

/** With `environments`: which role each job must satisfy, by the job's `environment:`. */
export interface EnvironmentTargets {
  /** A job without `environment:` that assumes a role (the build job) assumes the push role. */
  readonly push: TrustTarget;
  /** In promotion order. */
  readonly environments: readonly EnvironmentTarget[];
}

/** The image repository hatoba.yml declares, for rules about what workflows push to it. */
export interface RegistryTarget {
  /** `ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY` */
  readonly repositoryUri: string;
  readonly immutable: boolean;
  /** Tag patterns (`*` wildcards) an immutable repository still lets move. */
  readonly mutableTags: readonly string[];
  /** Tag patterns a mutable repository still keeps from moving (ECR's MUTABLE_WITH_EXCLUSION). */
  readonly immutableTags?: readonly string[];
  /** Where these settings come from: hatoba.yml (what `hatoba up` creates) or the live repository (doctor). */
  readonly source: 'hatoba.yml' | 'live';
}

export interface LintContext {
  /** Every workflow of the directory: reusable workflows are checked with their callers. */
  readonly workflows: readonly Workflow[];
  /** What schedule, workflow_run and pull requests run on. */
  readonly defaultBranch: string;
  /** Absent when neither a trust policy nor hatoba.yml was found: trust rules then have nothing to check. */
  readonly trust?: TrustTarget;
  /**
   * Present when hatoba.yml has `environments` (and no --trust-policy overrides it): each job is checked against the
   * role of its environment instead of `trust`.
   */
  readonly environments?: EnvironmentTargets;
  /** Absent without hatoba.yml: registry rules then have nothing to check. */
  readonly registry?: RegistryTarget;
}

/** One check with a stable id. Rules are pure: workflow + context in, findings out. */
export interface LintRule {
  readonly id: string;
  readonly severity: Severity;
  /** One line for `hatoba lint --help` and docs. */
  readonly summary: string;
  check(workflow: Workflow, context: LintContext): Finding[];
}

/**
 * A finding of `rule` at `path`. Message and fix are catalogue messages (English for `message`/`fix`, the reader's
 * language in src/report/), or English text for a rule not yet in the catalogue.
 */
export function finding(
  rule: LintRule,
  workflow: Workflow,
  path: YamlPath,
  message: string | Message<LintKey>,
  fix: string | Message<LintKey>,
): Finding {
  const english = (text: string | Message<LintKey>) => (typeof text === 'string' ? text : say(LINT, 'en', text));
  const text = typeof message === 'string' || typeof fix === 'string' ? undefined : { message, fix };
  return {
    rule: rule.id,
    severity: rule.severity,
    file: workflow.file,
    line: workflow.line(path),
    message: english(message),
    fix: english(fix),
    ...(text === undefined ? {} : { text }),
  };
}
