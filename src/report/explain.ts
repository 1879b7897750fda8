import type { ExplainResult } from '../iam/explain.js';
import { line, type Style, type Writer } from './output.js';

/** One explained AssumeRoleWithWebIdentity call, as `hatoba explain` prints it (rehearse prints denials the same way). */
export function printExplanation(out: Writer, s: Style, result: ExplainResult, source: string): void {
  const verdict = result.verdict === 'allowed' ? s.ok('✓ allowed') : s.bad('✗ denied');
  line(out, `${verdict}  ${s.bold(result.origin)}${result.time ? s.dim(` (${result.time})`) : ''}`);
  const field = (name: string, value: string | null) => {
    if (value !== null) line(out, `  ${name.padEnd(12)}${value}`);
  };
  field('role', result.roleArn);
  field('provider', result.claims.provider);
  field('sub', result.claims.sub);
  field('aud', result.claims.aud);
  if (result.event?.errorCode) field('CloudTrail', `${result.event.errorCode}: ${result.event.errorMessage ?? ''}`);
  else if (result.event) field('CloudTrail', 'success');
  if (result.failures.length > 0) {
    line(out, `  failing condition${result.failures.length === 1 ? '' : 's'} in ${source}:`);
    for (const failure of result.failures) {
      line(out, `    ${failure.operator} ${failure.key}`);
      failure.expected.forEach((value, index) => {
        line(out, `      ${index === 0 ? 'expected' : '        '}  ${value}`);
      });
      const actual = failure.actual === null ? s.dim('(not in the request)') : [failure.actual].flat().join(', ');
      line(out, `      actual    ${actual}`);
    }
  }
  for (const hint of result.hints) line(out, `  ${s.warn('hint:')} ${hint}`);
  line(out);
}
