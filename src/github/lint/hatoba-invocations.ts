import { actionRepository } from './jobs.js';
import type { Job, Step, YamlPath } from './workflow.js';

/** A step that runs a hatoba command that assumes the deploy role, and the environment it names. */
export interface HatobaInvocation {
  readonly step: Step;
  /** Where the environment is named (or the step, when it names none). */
  readonly path: YamlPath;
  /** `deploy`, `rollback`, `status` or `run`; `action` for hatoba's action. */
  readonly command: string;
  /** `--environment NAME` (`-e NAME`, or the action's `environment` input); undefined when none is named. */
  readonly environment: string | undefined;
}

/** `hatoba deploy …` (also `hatoba@1.2.3`, `npx hatoba`), up to the end of the command. */
const COMMAND = /\bhatoba(?:@[\w.^~<>=*-]+)?\s+(deploy|rollback|status|run)\b([^\n;&|]*)/g;
const ENVIRONMENT_FLAG = /(?:^|\s)(?:--environment(?:=|\s+)|-e\s+)(["']?)([^\s"']+)\1/;

/**
 * The hatoba commands a job runs with the role its token can assume: `run:` lines (line continuations joined) and
 * hatoba's action (any `owner/hatoba` action, whose `environment` input is passed as --environment).
 */
export function hatobaInvocations(job: Job): HatobaInvocation[] {
  const found: HatobaInvocation[] = [];
  for (const step of job.steps) {
    if (step.run !== undefined) {
      const script = step.run.replace(/\\\r?\n/g, ' ');
      for (const [, command = '', args = ''] of script.matchAll(COMMAND)) {
        found.push({ step, path: [...step.path, 'run'], command, environment: ENVIRONMENT_FLAG.exec(args)?.[2] });
      }
    }
    const repository = step.uses === undefined ? undefined : actionRepository(step.uses);
    if (repository?.endsWith('/hatoba')) {
      const input = step.with.environment;
      const named = typeof input === 'string' && input !== '';
      found.push({
        step,
        path: [...step.path, named ? 'with' : 'uses', ...(named ? ['environment'] : [])],
        command: 'action',
        environment: named ? input : undefined,
      });
    }
  }
  return found;
}
