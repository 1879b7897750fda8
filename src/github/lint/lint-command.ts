import { resolve } from 'node:path';
import type { CommandContext } from '../../cli/command.js';
import type { LintOptions } from '../../cli/commands/lint.js';
import { findConfigFile, type LoadedConfig } from '../../config/load.js';
import { EXIT_CHECK_FAILED, EXIT_OK, UserError } from '../../errors.js';
import { annotate, inGitHubActions, line, printJson, style } from '../../report/output.js';
import { detectDefaultBranch, detectRepository } from '../git-remote.js';
import type { Finding } from './finding.js';
import { isReadable, lintWorkflows, readWorkflowSources } from './lint.js';
import { registryTarget } from './registry-cache.js';
import { trustTarget } from './trust-source.js';

/** `hatoba lint`: read the workflows, work out which trust policy they must satisfy, report, exit 1 on errors. */
export async function runLintCommand(options: LintOptions, context: CommandContext): Promise<number> {
  const dir = resolve(context.cwd, options.dir ?? '.');
  const sources = await readWorkflowSources(dir, context.cwd, context.signal);
  const loaded = await optionalConfig(options, context, dir);
  const config = loaded?.config;
  const repository = config === undefined ? await detectRepository(dir) : undefined;
  const { target, warnings } = await trustTarget({
    trustPolicyFile: options.trustPolicy,
    config,
    repository,
    cwd: context.cwd,
  });
  const defaultBranch = (await detectDefaultBranch(dir)) ?? config?.github.branches[0] ?? 'main';
  const findings = await lintWorkflows(sources, {
    defaultBranch,
    trust: target,
    registry: config === undefined ? undefined : registryTarget(config),
    actionlint: options.actionlint,
    signal: context.signal,
  });
  const errors = findings.filter((f) => f.severity === 'error').length;

  if (inGitHubActions(context.env)) {
    // With --json, stdout carries only the document; the runner reads workflow commands from stderr too.
    const writer = options.json ? context.stderr : context.stdout;
    for (const f of findings) {
      annotate(writer, {
        level: f.severity,
        file: f.file,
        line: f.line,
        title: f.rule,
        message: `${f.message}. ${f.fix}`,
      });
    }
  }
  if (options.json) {
    printJson(context, { findings });
    return errors > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
  }

  const s = style(context);
  for (const warning of warnings) line(context.stderr, `${s.warn('warning')} ${warning.message}`);
  for (const f of findings) printFinding(context, f);
  const warningCount = findings.length - errors;
  const read = sources.filter(isReadable).length;
  const checked = `${read} workflow${read === 1 ? '' : 's'}`;
  const against = target === undefined ? '' : ` against ${target.source}`;
  if (findings.length === 0) line(context.stdout, `${s.ok('✓')} ${checked} checked${against}: no findings`);
  else {
    line(
      context.stdout,
      `${errors > 0 ? s.bad('✗') : s.warn('!')} ${checked} checked${against}: ${plural(errors, 'error')}, ${plural(warningCount, 'warning')}`,
    );
  }
  if (target === undefined) {
    line(context.stdout, s.dim('  trust checks skipped: no hatoba.yml found and no --trust-policy given'));
  }
  return errors > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}

function printFinding(context: CommandContext, f: Finding): void {
  const s = style(context);
  const severity = f.severity === 'error' ? s.bad('error') : s.warn('warning');
  line(context.stdout, `${f.file}:${f.line}: ${severity} ${s.bold(f.rule)}: ${f.message}`);
  line(context.stdout, s.dim(`  fix: ${f.fix}`));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * `--config` and HATOBA_CONFIG must name a file (a missing one would silently skip the trust checks); otherwise the
 * nearest hatoba.yml is used when there is one, and its absence is fine.
 */
async function optionalConfig(
  options: LintOptions,
  context: CommandContext,
  dir: string,
): Promise<LoadedConfig | undefined> {
  if (options.config !== undefined || context.env.HATOBA_CONFIG !== undefined) {
    return context.loadConfig({ config: options.config });
  }
  let path: string;
  try {
    path = await findConfigFile({ cwd: dir, env: context.env });
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
  return context.loadConfig({ config: path });
}
