import type { RoleExplanation } from '../iam/explain-role.js';
import { printExplanation } from './explain.js';
import { line, printWarnings, type Style, type Writer } from './output.js';

/** `hatoba explain --role`: where CloudTrail was searched, then each distinct failed call explained. */
export function printRoleExplanation(out: Writer, s: Style, doc: RoleExplanation): void {
  const calls = doc.results.reduce((sum, result) => sum + result.attempts, 0);
  line(out, `${s.bold('CloudTrail')} AssumeRoleWithWebIdentity calls to ${doc.role}`);
  line(
    out,
    `  searched    ${doc.searched.map((r) => `${r.region} (${r.events} events, ${r.pages} page${r.pages === 1 ? '' : 's'})`).join(', ')}`,
  );
  line(out, `  window      ${doc.window.start} → ${doc.window.end}`);
  line(
    out,
    `  found       ${calls} failed call${calls === 1 ? '' : 's'}${calls > 0 ? `, ${doc.results.length} distinct` : ''}`,
  );
  if (doc.successes.count > 0) {
    const latestFailure = doc.results[0]?.last ?? '';
    const fixed = doc.successes.latest !== null && doc.successes.latest > latestFailure;
    line(
      out,
      `  succeeded   ${doc.successes.count} call${doc.successes.count === 1 ? '' : 's'}, the latest at ${doc.successes.latest}` +
        (fixed && calls > 0 ? ' (after the last failure: the cause may already be fixed)' : ''),
    );
  }
  for (const note of doc.notes) line(out, `  ${s.warn('note:')} ${note}`);
  line(out);
  printWarnings(out, s, doc.warnings);
  if (doc.warnings.length > 0) line(out);
  if (doc.results.length === 0) {
    printNothingFound(out, doc);
    return;
  }
  for (const result of doc.results) printExplanation(out, s, result, doc.trustPolicy);
}

function printNothingFound(out: Writer, doc: RoleExplanation): void {
  const [home] = doc.regions;
  line(
    out,
    `No failed AssumeRoleWithWebIdentity call to ${doc.role} in ${doc.regions.join(' or ')} in that window. Either:`,
  );
  line(
    out,
    `  - it is not there yet: CloudTrail delivers an event about 5 minutes after the call on average, not guaranteed; ` +
      'run this again in a few minutes;',
  );
  line(
    out,
    "  - the call went to another Region's STS endpoint: configure-aws-credentials calls the Regional endpoint of its " +
      `\`aws-region\` input (hatoba searched ${home} and us-east-1, where the global endpoint records); pass --region ` +
      'with the Region that step names;',
  );
  line(
    out,
    '  - the token never reached AWS: look in the Actions log for an error before the call (for example a job ' +
      'without `permissions: id-token: write` cannot request a token).',
  );
}
