import type { HatobaConfig } from '../config/resolve.js';
import { trustWarnings } from '../config/warnings.js';
import { UserError } from '../errors.js';
import { GITHUB_OIDC_ISSUER, resourceArns } from '../naming.js';
import {
  branchRef,
  type ClaimsInput,
  conditionKey,
  type GitHubClaims,
  githubClaims,
  type SubjectOptions,
  tagRef,
} from '../oidc/claims.js';
import { DEPLOY_WORKFLOW } from '../oidc/workflow-paths.js';
import { hasWildcard } from './match.js';
import type { PolicyDocumentJson, PolicyStatementJson } from './policy.js';

export interface TrustPolicy {
  document: PolicyDocumentJson;
  /** Subjects trusted with StringEquals. */
  subjects: string[];
  /** Subjects trusted with StringLike (declared tag or branch patterns). */
  subjectPatterns: string[];
  warnings: string[];
}

/** Claims a custom subject template may use that hatoba cannot know before the run (who pushed, which commit). */
const UNPREDICTABLE_CLAIMS = new Set([
  'actor',
  'actor_id',
  'job_workflow_sha',
  'workflow_sha',
  'workflow',
  'repository_visibility',
]);

/** How the configured repository formats `sub`, in the claims model's terms. */
export function subjectOptions(config: HatobaConfig): SubjectOptions {
  const { subject } = config.github;
  if (subject.format === 'immutable') return { immutable: true };
  if (subject.format === 'custom' && subject.claimKeys) return { claimKeys: subject.claimKeys };
  return {};
}

/**
 * The claims of each run that should be able to deploy: a push to each configured branch or tag (patterns stay
 * patterns), in the configured environment. With an environment and the default template these collapse into one
 * subject, because the environment replaces the ref in `sub`.
 */
export function deployClaims(config: HatobaConfig): GitHubClaims[] {
  const { github } = config;
  const refs = [...github.branches.map(branchRef), ...github.tags.map(tagRef)];
  // An environment alone (no branch or tag listed) is allowed: its protection rules pick the branches.
  if (refs.length === 0) refs.push(branchRef('*'));
  const base = deployJob(config);
  return refs.map((ref) => githubClaims({ ...base, event: { name: 'push', ref } }));
}

/** The configured deploy job, short of its trigger: repository, subject format, audience, workflow, environment. */
export function deployJob(config: HatobaConfig): Omit<ClaimsInput, 'event'> {
  const { github } = config;
  const job: Omit<ClaimsInput, 'event'> = {
    repository: github.repository,
    subject: subjectOptions(config),
    audience: github.audience,
    // The generated workflow's path is part of `job_workflow_ref` and `workflow_ref`.
    workflowPath: DEPLOY_WORKFLOW,
  };
  if (github.subject.ownerId !== undefined) job.ownerId = github.subject.ownerId;
  if (github.subject.repositoryId !== undefined) job.repositoryId = github.subject.repositoryId;
  if (github.environment !== undefined) job.environment = github.environment;
  return job;
}

/**
 * The deploy role's trust policy: the account's GitHub OIDC provider may call AssumeRoleWithWebIdentity when `aud`
 * is the configured audience and `sub` is exactly one of the deploy subjects. Patterns the user declared (e.g. tags
 * `v*`) go into a second statement with StringLike, because one statement needing `sub` to pass both StringEquals
 * and StringLike would never match.
 */
export function trustPolicy(config: HatobaConfig): TrustPolicy {
  const warnings = trustWarnings(config);
  checkTemplate(config, warnings);
  let subjects = unique(deployClaims(config).map((claims) => claims.sub));
  if (config.github.trustAllRepositoriesOfOwner) {
    subjects = subjects.map((sub) => sub.replace(/^repo:([^/:]+)\/[^:]+/, 'repo:$1/*'));
  }
  const exact = subjects.filter((sub) => !hasWildcard(sub));
  const patterns = subjects.filter(hasWildcard);

  const provider = resourceArns(config).oidcProvider;
  const aud = conditionKey(GITHUB_OIDC_ISSUER, 'aud');
  const sub = conditionKey(GITHUB_OIDC_ISSUER, 'sub');
  const statement = (sid: string, condition: NonNullable<PolicyStatementJson['Condition']>): PolicyStatementJson => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Federated: provider },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  });
  const statements: PolicyStatementJson[] = [];
  if (exact.length > 0) {
    statements.push(
      statement('GitHubDeploy', { StringEquals: { [aud]: config.github.audience, [sub]: single(exact) } }),
    );
  }
  if (patterns.length > 0) {
    statements.push(
      statement('GitHubDeployPatterns', {
        StringEquals: { [aud]: config.github.audience },
        StringLike: { [sub]: single(patterns) },
      }),
    );
  }
  return {
    document: { Version: '2012-10-17', Statement: statements },
    subjects: exact,
    subjectPatterns: patterns,
    warnings,
  };
}

function checkTemplate(config: HatobaConfig, warnings: string[]): void {
  const keys = config.github.subject.format === 'custom' ? (config.github.subject.claimKeys ?? []) : [];
  for (const key of keys) {
    if (UNPREDICTABLE_CLAIMS.has(key)) {
      throw new UserError(
        `github.subject.claimKeys: the subject template uses "${key}", whose value hatoba cannot know before the run`,
        'Use a template of predictable claims such as [repo, context] or [repo, context, job_workflow_ref].',
      );
    }
    if (
      (key === 'repository_id' && config.github.subject.repositoryId === undefined) ||
      (key === 'repository_owner_id' && config.github.subject.ownerId === undefined)
    ) {
      throw new UserError(
        `github.subject.claimKeys uses "${key}" but github.subject.${key === 'repository_id' ? 'repositoryId' : 'ownerId'} is not set`,
        'Find the ids with `gh api repos/OWNER/REPO --jq ".owner.id, .id"`.',
      );
    }
  }
  if (
    keys.length > 0 &&
    !keys.some((key) => ['repo', 'repository', 'repository_id', 'job_workflow_ref'].includes(key))
  ) {
    warnings.push(
      `github.subject.claimKeys [${keys.join(', ')}] does not name the repository: any repository using the same ` +
        'template and values can assume the deploy role.',
    );
  }
  if (keys.length > 0 && !keys.some((key) => ['context', 'environment', 'ref'].includes(key))) {
    warnings.push(
      `github.subject.claimKeys [${keys.join(', ')}] has no context, environment or ref: every branch, pull ` +
        'request and environment of the repository presents the same subject.',
    );
  }
}

function single(values: string[]): string | string[] {
  return values.length === 1 ? (values[0] as string) : values;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * With `environments`: the build job as a configuration of its own. It declares no GitHub environment (it runs on
 * the pushed ref, before any approval), so its token's `sub` names the branch or tag.
 */
export function buildJobConfig(config: HatobaConfig): HatobaConfig {
  const { environment: _none, ...github } = config.github;
  // The build job's role lives in the build account, whichever environment's configuration this came from.
  const build = config.environment?.build;
  return { ...config, ...(build === undefined ? {} : { aws: { ...config.aws, ...build } }), github };
}

/** The push role's trust policy: the build job's subjects (the configured branches and tags), never an environment. */
export function pushTrustPolicy(config: HatobaConfig): TrustPolicy {
  return trustPolicy(buildJobConfig(config));
}
