import { pinnedVersion } from '../workflow/pinned-actions.js';
import { actionRepository } from './jobs.js';
import type { Workflow, YamlPath } from './workflow.js';

export interface ActionRef {
  /** `owner/repo`, lower-cased. */
  readonly repository: string;
  /** What follows `@`. */
  readonly ref: string;
  /** The ref is a full commit SHA (the only reference that cannot be moved). */
  readonly pinned: boolean;
  /** `v4.2.1`, `v4`: from a tag ref, the `# vX` comment after a SHA, or the SHAs hatoba pins itself. */
  readonly version: string | undefined;
}

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** Reads a `uses:` of a step or job (`owner/repo[/path]@ref`); undefined for local and docker actions. */
export function actionRef(workflow: Workflow, uses: string, path: YamlPath): ActionRef | undefined {
  const repository = actionRepository(uses);
  const at = uses.lastIndexOf('@');
  if (repository === undefined || at < 0) return undefined;
  const ref = uses.slice(at + 1);
  const pinned = FULL_SHA.test(ref);
  const version = pinned ? (commentVersion(workflow, path) ?? pinnedVersion(repository, ref)) : tagVersion(ref);
  return { repository, ref, pinned, version };
}

function tagVersion(ref: string): string | undefined {
  return /^v?\d+(\.\d+){0,2}$/.test(ref) ? (ref.startsWith('v') ? ref : `v${ref}`) : undefined;
}

/** `uses: x@<sha> # v4.2.1` → `v4.2.1`. */
function commentVersion(workflow: Workflow, path: YamlPath): string | undefined {
  const line = workflow.lineText(workflow.line(path));
  return /#\s*(v?\d+(?:\.\d+){0,2})\b/.exec(line)?.[1]?.replace(/^(?!v)/, 'v');
}

/** Major version number of `v4.2.1` → 4. */
export function majorOf(version: string | undefined): number | undefined {
  const major = /^v(\d+)/.exec(version ?? '')?.[1];
  return major === undefined ? undefined : Number(major);
}

/** Every `uses:` in a workflow (steps and reusable-workflow jobs), with the path to point at. */
export function usesOf(workflow: Workflow): { uses: string; path: YamlPath; job: string }[] {
  return workflow.jobs.flatMap((job) => [
    ...(job.uses === undefined ? [] : [{ uses: job.uses, path: [...job.path, 'uses'], job: job.id }]),
    ...job.steps.flatMap((step) =>
      step.uses === undefined ? [] : [{ uses: step.uses, path: [...step.path, 'uses'], job: job.id }],
    ),
  ]);
}
