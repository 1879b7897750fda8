import type { Language } from '../i18n/language.js';
import { say } from '../i18n/message.js';
import { EXPLAIN, type ExplainKey } from '../i18n/messages/explain.js';
import type { ExplainResult } from '../iam/explain.js';
import { line, type Style, type Writer } from './output.js';
import { padColumns } from './text-width.js';

/** One explained AssumeRoleWithWebIdentity call, as `hatoba explain` prints it (rehearse prints denials the same way). */
export function printExplanation(out: Writer, s: Style, result: ExplainResult, source: string): void {
  const t = (key: ExplainKey, params = {}) => say(EXPLAIN, s.lang, { id: key, params });
  const verdict = result.verdict === 'allowed' ? s.ok(`✓ ${t('allowed')}`) : s.bad(`✗ ${t('denied')}`);
  line(out, `${verdict}  ${s.bold(result.origin)}${result.time ? s.dim(` (${result.time})`) : ''}`);
  const field = (name: string, value: string | null) => {
    if (value !== null) line(out, `  ${name.padEnd(12)}${value}`);
  };
  field('role', result.roleArn);
  field('provider', result.claims.provider);
  field('sub', result.claims.sub);
  field('aud', result.claims.aud);
  // AWS's own words, verbatim in every language.
  if (result.event?.errorCode) field('CloudTrail', `${result.event.errorCode}: ${result.event.errorMessage ?? ''}`);
  else if (result.event) field('CloudTrail', t('success'));
  if (result.failures.length > 0) {
    line(out, `  ${t(result.failures.length === 1 ? 'failing-condition' : 'failing-conditions', { source })}`);
    const expected = t('expected');
    const actualLabel = t('actual');
    const width = Math.max(8, expected.length, actualLabel.length) + 2;
    const blank = ' '.repeat(width);
    for (const failure of result.failures) {
      line(out, `    ${failure.operator} ${failure.key}`);
      failure.expected.forEach((value, index) => {
        line(out, `      ${index === 0 ? padColumns(expected, width) : blank}${value}`);
      });
      const actual = failure.actual === null ? s.dim(t('not-in-request')) : [failure.actual].flat().join(', ');
      line(out, `      ${padColumns(actualLabel, width)}${actual}`);
    }
  }
  for (const hint of result.hintMessages) line(out, `  ${s.warn(t('hint'))} ${say(EXPLAIN, s.lang, hint)}`);
  line(out);
}

/** An explained call for --json: every field as before, plus `messages`, the hints in the reader's language. */
export function explanationJson<R extends ExplainResult>(
  result: R,
  lang: Language,
): Omit<R, 'hintMessages'> & { messages: string[] } {
  const { hintMessages, ...rest } = result;
  return { ...rest, messages: hintMessages.map((hint) => say(EXPLAIN, lang, hint)) };
}
