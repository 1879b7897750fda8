import type { ExistingDeployWorkflow } from '../init/existing-workflows.js';
import { line, type Style, type Writer } from './output.js';

const ASPECTS: Record<ExistingDeployWorkflow['differences'][number]['aspect'], string> = {
  role: 'role assumed',
  'id-token': 'id-token: write',
  pinning: 'actions',
  image: 'image deployed',
  rollout: 'rollout',
  subject: 'token sub',
};

/** The --json form: one entry per workflow. */
export function existingWorkflowsJson(workflows: readonly ExistingDeployWorkflow[]) {
  return workflows.map((w) => ({
    path: w.repoPath,
    signals: w.signals,
    differences: w.differences,
    findings: w.findings,
  }));
}

/**
 * For people: each hand-written deploy workflow, what `hatoba lint` finds in it, how it differs from hatoba's, and
 * how to switch (or keep it).
 */
export function printExistingWorkflows(
  out: Writer,
  s: Style,
  workflows: readonly ExistingDeployWorkflow[],
  skipped: boolean,
): void {
  for (const workflow of workflows) {
    line(out);
    line(out, s.bold(`${workflow.repoPath} already deploys (${workflow.signals.join(', ')})`));
    for (const f of workflow.findings) {
      const severity = f.severity === 'error' ? s.bad('error') : s.warn('warning');
      line(out, `  ${f.file}:${f.line}: ${severity} ${f.rule}: ${f.message}`);
    }
    line(out, '  compared with the workflow hatoba writes:');
    for (const d of workflow.differences) {
      const mark = d.same ? s.ok('=') : s.warn('≠');
      line(out, `  ${mark} ${ASPECTS[d.aspect].padEnd(16)} this workflow: ${d.theirs}`);
      if (!d.same) line(out, `    ${''.padEnd(16)} hatoba:        ${d.hatoba}`);
    }
  }
  const files = workflows.map((w) => w.repoPath).join(' ');
  line(out);
  if (skipped) {
    line(
      out,
      `${s.warn('skipped')}     hatoba's deploy workflow: ${files} already deploys, and two would both deploy.`,
    );
    line(out, `  To switch: git rm ${files}, then hatoba init --force-workflow.`);
    line(out, '  To keep yours: check it with `hatoba lint`, and a denied role with `hatoba explain`.');
  } else {
    line(
      out,
      `${s.warn('warning')}     hatoba's workflow was written next to ${files}: both deploy on push; delete one.`,
    );
  }
}
