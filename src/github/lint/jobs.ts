import { type Message, message } from '../../i18n/message.js';
import type { LintKey } from '../../i18n/messages/lint.js';
import { isRecord } from '../../iam/policy.js';
import type { Job, Step, Workflow } from './workflow.js';

/** `owner/repo` of a `uses:` (without the ref), lower-cased; undefined for local and docker actions. */
export function actionRepository(uses: string): string | undefined {
  if (uses.startsWith('./') || uses.startsWith('docker://')) return undefined;
  const [path = ''] = uses.split('@');
  const [owner, repo] = path.split('/');
  return owner && repo ? `${owner}/${repo}`.toLowerCase() : undefined;
}

const CONFIGURE_AWS_CREDENTIALS = 'aws-actions/configure-aws-credentials';

/**
 * Steps that trade the job's GitHub OIDC token for a role: configure-aws-credentials with `role-to-assume` and
 * neither access keys nor a token file (those paths don't request a GitHub token).
 */
export function roleSteps(job: Job): Step[] {
  return stepsUsing(job, CONFIGURE_AWS_CREDENTIALS).filter(
    (step) =>
      step.with['role-to-assume'] !== undefined &&
      step.with['aws-access-key-id'] === undefined &&
      step.with['web-identity-token-file'] === undefined,
  );
}

/** The job's steps that run the action `owner/repo` (lower-case), at any ref. */
export function stepsUsing(job: Job, repository: string): Step[] {
  return job.steps.filter((step) => step.uses !== undefined && actionRepository(step.uses) === repository);
}

/** `./.github/workflows/x.yml` → `.github/workflows/x.yml`; undefined for workflows in other repositories. */
function localWorkflowPath(uses: string): string | undefined {
  return uses.startsWith('./') ? uses.slice(2).replace(/\/+$/, '') : undefined;
}

export interface Caller {
  readonly workflow: Workflow;
  readonly job: Job;
}

/** Jobs in this repository that call `workflow` as a reusable workflow. */
export function callersOf(workflow: Workflow, workflows: readonly Workflow[]): Caller[] {
  return workflows.flatMap((candidate) =>
    candidate.jobs
      .filter((job) => job.uses !== undefined && localWorkflowPath(job.uses) === workflow.repoPath)
      .map((job) => ({ workflow: candidate, job })),
  );
}

/** The reusable workflow a job calls, when it is in this repository and was parsed. */
export function calledWorkflow(job: Job, workflows: readonly Workflow[]): Workflow | undefined {
  const path = job.uses === undefined ? undefined : localWorkflowPath(job.uses);
  return path === undefined ? undefined : workflows.find((w) => w.repoPath === path);
}

/**
 * Whether a `permissions:` value grants `id-token: write`; undefined when there is no value. `write-all` does;
 * `read-all` and `{}` don't (the scope has no read level). GitHub's default token never has it.
 */
export function grantsIdToken(permissions: unknown): boolean | undefined {
  if (permissions === undefined || permissions === null) return undefined;
  if (permissions === 'write-all') return true;
  if (isRecord(permissions)) return permissions['id-token'] === 'write';
  return false;
}

/** Where a job's `id-token` permission comes from, for messages and the line to point at. */
export interface IdTokenGrant {
  readonly granted: boolean;
  /** The workflow and path of the `permissions:` that decided, or of the job when nothing is set. */
  readonly workflow: Workflow;
  readonly path: readonly (string | number)[];
  readonly explanation: Message<LintKey>;
}

/**
 * The job's effective `id-token` permission when it runs directly (no caller): the job's own `permissions:`,
 * else the workflow's, else the default token (which never has it).
 */
export function ownIdToken(workflow: Workflow, job: Job): IdTokenGrant {
  const own = grantsIdToken(job.permissions);
  if (own !== undefined) {
    return {
      granted: own,
      workflow,
      path: [...job.path, 'permissions'],
      explanation: message('id-token.job', { job: job.id }),
    };
  }
  const top = grantsIdToken(workflow.permissions);
  if (top !== undefined) {
    return {
      granted: top,
      workflow,
      path: ['permissions'],
      explanation: message('id-token.workflow', { job: job.id }),
    };
  }
  return {
    granted: false,
    workflow,
    path: job.path,
    explanation: message('id-token.unset', { job: job.id }),
  };
}

/**
 * Which jobs of `workflow` can request an OIDC token: their own grant (job, else workflow permissions) or, in a
 * reusable workflow that does not deny it, a calling job's grant. Callers are looked up once per workflow.
 */
export function tokenMinters(workflow: Workflow, workflows: readonly Workflow[]): (job: Job) => boolean {
  const callerGrants =
    workflow.triggers.has('workflow_call') &&
    callersOf(workflow, workflows).some((caller) => ownIdToken(caller.workflow, caller.job).granted);
  return (job) =>
    ownIdToken(workflow, job).granted ||
    (callerGrants && grantsIdToken(job.permissions ?? workflow.permissions) !== false);
}

/** Whether the job assumes an AWS role with OIDC itself or through a reusable workflow of this repository. */
export function assumesRole(job: Job, workflows: readonly Workflow[]): boolean {
  const callee = calledWorkflow(job, workflows);
  return roleSteps(job).length > 0 || (callee?.jobs.some((j) => roleSteps(j).length > 0) ?? false);
}
