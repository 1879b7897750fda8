import { branchRef, type GitHubEvent, tagRef } from '../../oidc/claims.js';
import { type GuardFacts, guardAllows } from './guard.js';
import { callersOf } from './jobs.js';
import type { Job, Workflow, YamlPath } from './workflow.js';

/** Stand-ins for "a branch / tag nobody listed": they match `*` patterns and no literal name. */
export const ANY_BRANCH = '<any-branch>';
export const OTHER_BRANCH = '<another-branch>';
export const ANY_TAG = '<any-tag>';

/** One way a job can start, with the facts that decide its token's claims. */
export interface PredictedRun {
  /** For people: `push to branch "main"`, `workflow_dispatch from a branch other than main`, … */
  readonly trigger: string;
  readonly event: GitHubEvent;
  /** Where that trigger is written. */
  readonly workflow: Workflow;
  readonly path: YamlPath;
}

/**
 * Every kind of run that can start `job`, from its workflow's triggers and their branch/tag filters (or, for a
 * reusable workflow, from the runs of the jobs that call it), minus those its `if:` (or a needed job's) rules out.
 */
export function predictRuns(
  workflow: Workflow,
  job: Job,
  workflows: readonly Workflow[],
  defaultBranch: string,
  depth = 0,
): PredictedRun[] {
  const runs: PredictedRun[] = [];
  for (const [event, filters] of workflow.triggers) {
    if (event === 'workflow_call') {
      // The caller's run decides the claims; a cycle or absurd nesting just stops the prediction.
      if (depth > 4) continue;
      for (const caller of callersOf(workflow, workflows)) {
        runs.push(...predictRuns(caller.workflow, caller.job, workflows, defaultBranch, depth + 1));
      }
      continue;
    }
    runs.push(...triggerRuns(workflow, event, filters, defaultBranch));
  }
  return runs.filter(
    (run) => mayRun(workflow, job, { event_name: run.event.name, ref: refOf(run.event, defaultBranch) }) !== false,
  );
}

function triggerRuns(
  workflow: Workflow,
  event: string,
  filters: Readonly<Record<string, unknown>> | null,
  defaultBranch: string,
): PredictedRun[] {
  // keyLine falls back to `on:` itself when the trigger is written as `on: push` or `on: [push]`.
  const at = (...path: (string | number)[]): YamlPath => ['on', event, ...path];
  const run = (trigger: string, e: GitHubEvent, path: YamlPath): PredictedRun => ({
    trigger,
    event: e,
    workflow,
    path,
  });
  const list = (key: string) => {
    const value = filters?.[key];
    return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : undefined;
  };
  switch (event) {
    case 'push': {
      const branches = list('branches');
      const tags = list('tags');
      const branchFilter = branches !== undefined || list('branches-ignore') !== undefined;
      const tagFilter = tags !== undefined || list('tags-ignore') !== undefined;
      const runs: PredictedRun[] = [];
      if (branches) {
        branches.forEach((b, i) => {
          if (!b.startsWith('!'))
            runs.push(run(`push to branch "${b}"`, { name: 'push', ref: branchRef(b) }, at('branches', i)));
        });
      } else if (branchFilter || !tagFilter) {
        const what = branchFilter ? 'push to a branch not in branches-ignore' : 'push to any branch (no branch filter)';
        runs.push(run(what, { name: 'push', ref: branchRef(ANY_BRANCH) }, at()));
      }
      if (tags) {
        tags.forEach((t, i) => {
          if (!t.startsWith('!')) runs.push(run(`push of tag "${t}"`, { name: 'push', ref: tagRef(t) }, at('tags', i)));
        });
      } else if (tagFilter || !branchFilter) {
        const what = tagFilter ? 'push of a tag not in tags-ignore' : 'push of any tag (no tag filter)';
        runs.push(run(what, { name: 'push', ref: tagRef(ANY_TAG) }, at()));
      }
      return runs;
    }
    case 'pull_request':
      return [run('pull_request', { name: 'pull_request', base: defaultBranch, head: OTHER_BRANCH, number: 1 }, at())];
    case 'pull_request_target': {
      const bases = list('branches') ?? [defaultBranch];
      return bases.map((base) =>
        run(`pull_request_target into "${base}"`, { name: 'pull_request_target', base, head: OTHER_BRANCH }, at()),
      );
    }
    case 'workflow_dispatch':
      return [
        run(
          `workflow_dispatch on "${defaultBranch}"`,
          { name: 'workflow_dispatch', ref: branchRef(defaultBranch) },
          at(),
        ),
        run(
          `workflow_dispatch from a branch other than "${defaultBranch}"`,
          { name: 'workflow_dispatch', ref: branchRef(OTHER_BRANCH) },
          at(),
        ),
        run('workflow_dispatch on a tag', { name: 'workflow_dispatch', ref: tagRef(ANY_TAG) }, at()),
      ];
    case 'release':
      return [run('release', { name: 'release', tag: ANY_TAG }, at())];
    case 'schedule':
      return [run('schedule', { name: 'schedule' }, at())];
    case 'workflow_run':
      return [run('workflow_run', { name: 'workflow_run' }, at())];
    default:
      return [];
  }
}

/** The `ref` a run's token carries, for guard evaluation. */
function refOf(event: GitHubEvent, defaultBranch: string): string {
  switch (event.name) {
    case 'push':
    case 'workflow_dispatch':
      return event.ref;
    case 'pull_request':
      return `refs/pull/${event.number}/merge`;
    case 'pull_request_target':
      return branchRef(event.base);
    case 'release':
      return tagRef(event.tag);
    default:
      return branchRef(defaultBranch);
  }
}

/** Per workflow and facts, each job's verdict: computed once, so a chain of N jobs costs N guard evaluations. */
const verdicts = new WeakMap<Workflow, Map<string, Map<string, boolean | undefined>>>();

/**
 * Whether the job can run for these facts: its own `if:` allows it and, unless it opts out of the default `success()`
 * check, so do the jobs it needs (a skipped dependency skips it). Iterative, so a long `needs` chain cannot overflow
 * the stack; a cycle (invalid anyway) counts as allowed.
 */
export function mayRun(workflow: Workflow, job: Job, facts: GuardFacts): boolean | undefined {
  const key = `${facts.event_name}\0${facts.ref}`;
  const byFacts = verdicts.get(workflow) ?? new Map<string, Map<string, boolean | undefined>>();
  verdicts.set(workflow, byFacts);
  const known = byFacts.get(key) ?? new Map<string, boolean | undefined>();
  byFacts.set(key, known);
  const jobs = jobsById(workflow);
  const own = (j: Job) => (j.condition === undefined ? true : guardAllows(j.condition, facts));
  const optsOut = (j: Job) => j.condition !== undefined && /\b(always|failure|cancelled)\s*\(/.test(j.condition);
  const stack: { job: Job; expanded: boolean }[] = [{ job, expanded: false }];
  const visiting = new Set<string>();
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { job: Job; expanded: boolean };
    if (known.has(top.job.id)) {
      stack.pop();
      continue;
    }
    const needs = optsOut(top.job) ? [] : top.job.needs.flatMap((id) => jobs.get(id) ?? []);
    if (!top.expanded) {
      top.expanded = true;
      visiting.add(top.job.id);
      for (const need of needs)
        if (!known.has(need.id) && !visiting.has(need.id)) stack.push({ job: need, expanded: false });
      continue;
    }
    let verdict = own(top.job);
    for (const need of needs) {
      const needed = known.get(need.id) ?? true;
      verdict = verdict === false || needed === false ? false : verdict === true && needed === true ? true : undefined;
    }
    known.set(top.job.id, verdict);
    visiting.delete(top.job.id);
    stack.pop();
  }
  return known.get(job.id);
}

const jobIndex = new WeakMap<Workflow, Map<string, Job>>();

function jobsById(workflow: Workflow): Map<string, Job> {
  let index = jobIndex.get(workflow);
  if (index === undefined) {
    index = new Map(workflow.jobs.map((j) => [j.id, j]));
    jobIndex.set(workflow, index);
  }
  return index;
}
