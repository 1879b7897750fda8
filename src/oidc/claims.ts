import { defaultAudience } from '../config/regions.js';
import { UserError } from '../errors.js';
import { GITHUB_OIDC_ISSUER } from '../naming.js';
import { DEPLOY_WORKFLOW } from './workflow-paths.js';

/**
 * The claims of the OIDC token a GitHub Actions job presents to AWS, computed from what the job is (repository,
 * trigger, ref, `environment:`) and how the repository formats its subject. Policy generation, workflow lint,
 * `explain` and local rehearsal all use this one model. Rules: github/docs "OpenID Connect reference"
 * (example subject claims, immutable subject claims, customizing the subject claims).
 */

/** What aws-actions/configure-aws-credentials requests unless told otherwise (outside the China partition). */
export const DEFAULT_AUDIENCE = defaultAudience('aws');
/** Audiences AWS STS is normally asked for: the commercial and the China partition's. */
export const AWS_AUDIENCES: readonly string[] = [DEFAULT_AUDIENCE, defaultAudience('aws-cn')];

/** The trigger of the run, with what decides its `ref`. Refs are full (`refs/heads/main`, `refs/tags/v1`). */
export type GitHubEvent =
  | { name: 'push'; ref: string }
  | { name: 'workflow_dispatch'; ref: string }
  | { name: 'pull_request'; base: string; head: string; number: number }
  /** Runs in the context of the base branch, so its token carries the base branch's ref. */
  | { name: 'pull_request_target'; base: string; head: string }
  | { name: 'release'; tag: string }
  /** schedule and workflow_run run on the default branch. */
  | { name: 'schedule' }
  | { name: 'workflow_run' };

export type GitHubEventName = GitHubEvent['name'];

/** Which GitHub issues the token (github.com when none is set). At most one of the three. */
export interface GitHubIssuer {
  /** GitHub Enterprise Cloud with the enterprise-specific issuer. */
  enterpriseSlug?: string;
  /** GitHub Enterprise Server host, e.g. `github.example.com`. */
  ghesHost?: string;
  /** GHE.com data residency subdomain, e.g. `octocorp` for `octocorp.ghe.com`. */
  gheSubdomain?: string;
}

/** How the repository formats `sub`. */
export interface SubjectOptions {
  /** `include_claim_keys` of a custom template; absent means the default `["repo", "context"]`. */
  claimKeys?: readonly string[];
  /** The repository mints immutable subjects: `repo:OWNER@OWNER_ID/REPO@REPO_ID`. Needs both ids. */
  immutable?: boolean;
}

export interface ClaimsInput {
  /** `owner/repo`. */
  repository: string;
  ownerId?: number;
  repositoryId?: number;
  event: GitHubEvent;
  /** Used by schedule and workflow_run. Default `main`. */
  defaultBranch?: string;
  /** The job's `environment:`. */
  environment?: string;
  subject?: SubjectOptions;
  issuer?: GitHubIssuer;
  /** Default `sts.amazonaws.com`. */
  audience?: string;
  /** Path of the calling workflow file. Default `.github/workflows/deploy.yml`. */
  workflowPath?: string;
  /**
   * When the job runs in a reusable workflow: the called workflow as `owner/repo/PATH@REF`. Only job_workflow_ref
   * changes; sub, ref and workflow_ref still describe the caller.
   */
  calledWorkflow?: string;
  runnerEnvironment?: 'github-hosted' | 'self-hosted';
  repositoryVisibility?: 'public' | 'private' | 'internal';
  actor?: string;
  actorId?: number;
}

/** The claims AWS STS sees (the subset hatoba models; GitHub adds run ids, sha and so on). */
export interface GitHubClaims {
  iss: string;
  aud: string;
  sub: string;
  ref: string;
  ref_type: 'branch' | 'tag';
  environment?: string;
  event_name: GitHubEventName;
  repository: string;
  repository_owner: string;
  repository_id?: string;
  repository_owner_id?: string;
  repository_visibility?: string;
  actor?: string;
  actor_id?: string;
  workflow_ref: string;
  job_workflow_ref: string;
  /** Pull request events only; empty otherwise, as in real tokens. */
  base_ref: string;
  head_ref: string;
  runner_environment: string;
}

/** Computes the token's claims. Throws when the subject format needs data the input lacks. */
export function githubClaims(input: ClaimsInput): GitHubClaims {
  const [owner = '', name = ''] = input.repository.split('/');
  if (!owner || !name) throw new UserError(`repository must be owner/repo (got ${JSON.stringify(input.repository)})`);
  const { ref, refType } = eventRef(input.event, input.defaultBranch ?? 'main');
  const pullRequest = input.event.name === 'pull_request' || input.event.name === 'pull_request_target';
  const workflowRef = `${input.repository}/${input.workflowPath ?? DEPLOY_WORKFLOW}@${ref}`;
  const claims: GitHubClaims = {
    iss: issuerUrl(input.issuer),
    aud: input.audience ?? DEFAULT_AUDIENCE,
    sub: '',
    ref,
    ref_type: refType,
    event_name: input.event.name,
    repository: input.repository,
    repository_owner: owner,
    workflow_ref: workflowRef,
    job_workflow_ref: input.calledWorkflow ?? workflowRef,
    base_ref: pullRequest && 'base' in input.event ? input.event.base : '',
    head_ref: pullRequest && 'head' in input.event ? input.event.head : '',
    runner_environment: input.runnerEnvironment ?? 'github-hosted',
  };
  if (input.environment !== undefined) claims.environment = input.environment;
  if (input.repositoryId !== undefined) claims.repository_id = String(input.repositoryId);
  if (input.ownerId !== undefined) claims.repository_owner_id = String(input.ownerId);
  if (input.repositoryVisibility !== undefined) claims.repository_visibility = input.repositoryVisibility;
  if (input.actor !== undefined) claims.actor = input.actor;
  if (input.actorId !== undefined) claims.actor_id = String(input.actorId);
  claims.sub = subjectOf(claims, input);
  return claims;
}

function eventRef(event: GitHubEvent, defaultBranch: string): { ref: string; refType: 'branch' | 'tag' } {
  switch (event.name) {
    case 'push':
    case 'workflow_dispatch':
      return { ref: event.ref, refType: event.ref.startsWith('refs/tags/') ? 'tag' : 'branch' };
    case 'pull_request':
      return { ref: `refs/pull/${event.number}/merge`, refType: 'branch' };
    case 'pull_request_target':
      return { ref: `refs/heads/${event.base}`, refType: 'branch' };
    case 'release':
      return { ref: `refs/tags/${event.tag}`, refType: 'tag' };
    default:
      return { ref: `refs/heads/${defaultBranch}`, refType: 'branch' };
  }
}

/** `:` inside a claim value is written `%3A` so the subject's separators stay unambiguous. */
export function encodeSubjectValue(value: string): string {
  return value.replaceAll(':', '%3A');
}

function decodeSubjectValue(value: string): string {
  return value.replace(/%3A/gi, ':');
}

/** The `context` part of a default subject: environment wins, then pull_request, then the ref. */
function subjectContext(claims: Pick<GitHubClaims, 'environment' | 'event_name' | 'ref'>): string {
  if (claims.environment !== undefined) return `environment:${encodeSubjectValue(claims.environment)}`;
  if (claims.event_name === 'pull_request') return 'pull_request';
  return `ref:${encodeSubjectValue(claims.ref)}`;
}

/** The `repo` segment's value: `owner/repo`, or `owner@ID/repo@ID` under immutable subjects. */
function repoSegment(repository: string, immutable?: { ownerId: number; repositoryId: number }): string {
  if (!immutable) return repository;
  const [owner, name] = repository.split('/');
  return `${owner}@${immutable.ownerId}/${name}@${immutable.repositoryId}`;
}

function subjectOf(claims: GitHubClaims, input: ClaimsInput): string {
  const options = input.subject ?? {};
  let ids: { ownerId: number; repositoryId: number } | undefined;
  if (options.immutable) {
    if (input.ownerId === undefined || input.repositoryId === undefined) {
      throw new UserError('immutable subjects need the numeric ownerId and repositoryId');
    }
    ids = { ownerId: input.ownerId, repositoryId: input.repositoryId };
  }
  const keys = options.claimKeys ?? ['repo', 'context'];
  const values = claims as unknown as Record<string, string | undefined>;
  return keys
    .map((key) => {
      if (key === 'repo') return `repo:${repoSegment(input.repository, ids)}`;
      if (key === 'context') return subjectContext(claims);
      return `${key}:${encodeSubjectValue(values[key] ?? '')}`;
    })
    .join(':');
}

/** `https://token.actions.githubusercontent.com`, or the enterprise / GHE.com / GHES issuer. */
export function issuerUrl(options: GitHubIssuer = {}): string {
  if (options.ghesHost) return `https://${options.ghesHost}/_services/token`;
  if (options.gheSubdomain) {
    const base = `https://token.actions.${options.gheSubdomain}.ghe.com`;
    return options.enterpriseSlug ? `${base}/${options.enterpriseSlug}` : base;
  }
  if (options.enterpriseSlug) return `${GITHUB_OIDC_ISSUER}/${options.enterpriseSlug}`;
  return GITHUB_OIDC_ISSUER;
}

/** IAM names OIDC providers and condition keys after the issuer without `https://`. */
export function issuerHostPath(issuer: string): string {
  return issuer.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/** `token.actions.githubusercontent.com:sub` and friends. */
export function conditionKey(issuer: string, claim: string): string {
  return `${issuerHostPath(issuer)}:${claim}`;
}

/**
 * Claims AWS STS exposes as trust-policy condition keys for GitHub: `sub` and `aud` always, and since 2026 a set of
 * provider-specific claims. Keys are prefixed with the issuer.
 */
export const STS_GITHUB_CLAIM_KEYS = [
  'sub',
  'aud',
  'actor',
  'actor_id',
  'job_workflow_ref',
  'repository',
  'repository_id',
  'workflow',
  'ref',
  'environment',
  'enterprise_id',
] as const;

/** The request context of an AssumeRoleWithWebIdentity call made with these claims. */
export function claimsContext(claims: Partial<GitHubClaims> & { iss: string }): Record<string, string> {
  const context: Record<string, string> = {};
  const values = claims as unknown as Record<string, string | undefined>;
  for (const claim of STS_GITHUB_CLAIM_KEYS) {
    const value = values[claim];
    if (value !== undefined) context[conditionKey(claims.iss, claim)] = value;
  }
  return context;
}

/** The context part of a subject, parsed. */
export type SubjectContext =
  | { kind: 'environment'; name: string }
  | { kind: 'pull_request' }
  | { kind: 'ref'; ref: string; refType: 'branch' | 'tag' | 'pull' | 'other'; name: string };

export interface SubjectParts {
  /** `default` = repo + context; `immutable` = the same with ids; `custom` = any other template. */
  form: 'default' | 'immutable' | 'custom';
  /** The template keys in order, as include_claim_keys would list them (`repo`, `context`, ...). */
  keys: string[];
  /** `owner/repo` without ids. */
  repository?: string;
  owner?: string;
  ownerId?: number;
  repositoryId?: number;
  context?: SubjectContext;
  /** Other `key:value` segments (custom templates), decoded. */
  claims: { key: string; value: string }[];
  /** The subject has `%3A`-encoded colons. */
  encoded: boolean;
}

const CONTEXT_KEYS = new Set(['environment', 'ref', 'pull_request']);

/** Parses a subject into its parts: the inverse of the rules above, used by lint and explain. */
export function describeSubject(sub: string): SubjectParts {
  const tokens = sub.split(':');
  const parts: SubjectParts = { form: 'custom', keys: [], claims: [], encoded: /%3A/i.test(sub) };
  let i = 0;
  while (i < tokens.length) {
    const key = tokens[i] ?? '';
    const contextAllowed = parts.context === undefined && (parts.keys.length === 0 || parts.keys.at(-1) === 'repo');
    if (key === 'repo' && parts.repository === undefined) {
      parseRepo(decodeSubjectValue(tokens[i + 1] ?? ''), parts);
      parts.keys.push('repo');
      i += 2;
    } else if (contextAllowed && CONTEXT_KEYS.has(key)) {
      if (key === 'pull_request') {
        parts.context = { kind: 'pull_request' };
        i += 1;
      } else {
        const value = decodeSubjectValue(tokens[i + 1] ?? '');
        parts.context = key === 'environment' ? { kind: 'environment', name: value } : refContext(value);
        i += 2;
      }
      parts.keys.push('context');
    } else {
      parts.claims.push({ key, value: decodeSubjectValue(tokens[i + 1] ?? '') });
      parts.keys.push(key);
      i += 2;
    }
  }
  if (parts.keys.length === 2 && parts.keys[0] === 'repo' && parts.keys[1] === 'context') {
    parts.form = parts.ownerId !== undefined ? 'immutable' : 'default';
  }
  return parts;
}

function parseRepo(value: string, parts: SubjectParts): void {
  const [ownerPart = '', repoPart = ''] = value.split('/');
  const owner = /^(.*)@(\d+)$/.exec(ownerPart);
  const repo = /^(.*)@(\d+)$/.exec(repoPart);
  parts.owner = owner?.[1] ?? ownerPart;
  parts.repository = `${parts.owner}/${repo?.[1] ?? repoPart}`;
  if (owner?.[2] !== undefined) parts.ownerId = Number(owner[2]);
  if (repo?.[2] !== undefined) parts.repositoryId = Number(repo[2]);
}

function refContext(ref: string): SubjectContext {
  const match = /^refs\/(heads|tags|pull)\/(.+)$/.exec(ref);
  const refType = match?.[1] === 'heads' ? 'branch' : match?.[1] === 'tags' ? 'tag' : match ? 'pull' : 'other';
  return { kind: 'ref', ref, refType, name: match?.[2] ?? ref };
}

/** `refs/heads/<branch>`. */
export function branchRef(branch: string): string {
  return `refs/heads/${branch}`;
}

/** `refs/tags/<tag>`. */
export function tagRef(tag: string): string {
  return `refs/tags/${tag}`;
}
