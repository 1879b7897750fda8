import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { UserError } from '../../errors.js';
import { isDirectory } from '../../fs/path-kind.js';
import { formatBytes, INPUT_LIMITS, readRegularFile } from '../../fs/read-input.js';
import { WORKFLOWS_DIR } from '../../oidc/workflow-paths.js';
import { runActionlint } from './actionlint.js';
import { expandAliases } from './expand-aliases.js';
import { type Finding, sortFindings, withoutControlCharacters } from './finding.js';
import type { EnvironmentTargets, LintContext, RegistryTarget, TrustTarget } from './rule.js';
import { RULES } from './rules/index.js';
import { parseWorkflow, type Workflow, type YamlError } from './workflow.js';

export interface WorkflowSource {
  /** The path findings show. */
  readonly file: string;
  /** Path from the repository root (`.github/workflows/x.yml`). */
  readonly repoPath: string;
  readonly text: string;
}

/** A `*.yml` entry that could not be read as a workflow (not a regular file, a link loop, over the size limit). */
export interface SkippedSource {
  readonly file: string;
  readonly repoPath: string;
  readonly reason: string;
}

export type WorkflowEntry = WorkflowSource | SkippedSource;

export function isReadable(entry: WorkflowEntry): entry is WorkflowSource {
  return 'text' in entry;
}

export interface LintOptions {
  readonly defaultBranch: string;
  readonly trust?: TrustTarget | undefined;
  /** With `environments`: each job is checked against its environment's role (or the push role) instead. */
  readonly environments?: EnvironmentTargets | undefined;
  readonly registry?: RegistryTarget | undefined;
  /** Run actionlint too (default true). */
  readonly actionlint?: boolean | undefined;
  /** Checked between files and between rules: Ctrl-C stops a long lint. */
  readonly signal?: AbortSignal | undefined;
}

/** All findings for a set of workflows: actionlint's and every rule's, sorted. */
export async function lintWorkflows(entries: readonly WorkflowEntry[], options: LintOptions): Promise<Finding[]> {
  const { signal } = options;
  const findings: Finding[] = entries.flatMap((e) => (isReadable(e) ? [] : [skippedFinding(e)]));
  const workflows = [];
  for (const source of entries.filter(isReadable)) {
    workflows.push(parseWorkflow(source.text, source.file, source.repoPath));
    await interruptible(signal);
  }
  const context: LintContext = {
    workflows,
    defaultBranch: options.defaultBranch,
    ...(options.trust === undefined ? {} : { trust: options.trust }),
    ...(options.environments === undefined ? {} : { environments: options.environments }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
  };
  for (const workflow of workflows) {
    await interruptible(signal);
    if (workflow.errors.length > 0) {
      // Our rules need a document to read, and actionlint would only trip over the same error.
      findings.push(...workflow.errors.map((e) => yamlFinding(workflow.file, e)));
      continue;
    }
    if (options.actionlint !== false) findings.push(...(await actionlintFindings(workflow)));
    for (const rule of RULES) {
      signal?.throwIfAborted();
      findings.push(...rule.check(workflow, context));
    }
  }
  return sortFindings(dedupe(findings)).map(withoutControlCharacters);
}

/** Lets a pending Ctrl-C be delivered (it arrives as an event), then stops if it was. */
async function interruptible(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return;
  await nextTurn();
  signal.throwIfAborted();
}

async function actionlintFindings(workflow: Workflow): Promise<Finding[]> {
  const text = workflow.hasAliases ? expandAliases(workflow.text, workflow.document) : workflow.text;
  if (text === undefined) {
    return [
      yamlFinding(workflow.file, {
        rule: 'yaml-aliases',
        line: 1,
        message: `aliases expand this workflow past ${formatBytes(INPUT_LIMITS.configBytes)}`,
      }),
    ];
  }
  return runActionlint(text, workflow.file);
}

function yamlFinding(file: string, error: YamlError): Finding {
  return {
    rule: error.rule,
    severity: 'error',
    file,
    line: error.line,
    message: error.message,
    fix:
      error.rule === 'yaml-aliases'
        ? 'Write the repeated content out, or use fewer levels of aliases; GitHub rejects such files too.'
        : 'Fix the YAML at this line; GitHub cannot run a workflow it cannot parse.',
  };
}

function skippedFinding(entry: SkippedSource): Finding {
  return {
    rule: 'skipped-file',
    severity: 'error',
    file: entry.file,
    line: 1,
    message: `${entry.reason}; not checked`,
    fix: `Keep only regular workflow files of at most ${formatBytes(INPUT_LIMITS.configBytes)} in the workflows directory.`,
  };
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
export async function readWorkflowSources(dir: string, cwd: string, signal?: AbortSignal): Promise<WorkflowEntry[]> {
  const nested = join(dir, WORKFLOWS_DIR);
  const workflowsDir = (await isDirectory(nested)) ? nested : dir;
  if (!(await isDirectory(workflowsDir))) throw new UserError(`--dir: ${dir} is not a directory`);
  // Names only: nothing below is followed, so a link loop or a directory named x.yml is one entry, not a walk.
  const names = (await readdir(workflowsDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  if (names.length === 0) {
    throw new UserError(
      `No workflow files in ${relative(cwd, nested) || nested}`,
      'Run `hatoba init` to generate one, or pass --dir with the repository root.',
    );
  }
  const entries: WorkflowEntry[] = [];
  for (const name of names) {
    signal?.throwIfAborted();
    const path = join(workflowsDir, name);
    const file = relative(cwd, path) || path;
    const repoPath = `${WORKFLOWS_DIR}/${name}`;
    try {
      // Regular files only, bounded: a FIFO would block forever, a device or a huge file would never end.
      const text = (await readRegularFile(path, { label: 'workflow', display: file })).toString('utf8');
      entries.push({ file, repoPath, text });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      entries.push({ file, repoPath, reason: error.message });
    }
  }
  return entries;
}
