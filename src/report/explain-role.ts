import { say } from '../i18n/message.js';
import { EXPLAIN, type ExplainKey } from '../i18n/messages/explain.js';
import type { RoleExplanation } from '../iam/explain-role.js';
import { printExplanation } from './explain.js';
import { line, printWarnings, type Style, type Writer } from './output.js';
import { padColumns } from './text-width.js';

type Say = (key: ExplainKey, params?: Record<string, string | number>) => string;

/** `hatoba explain --role`: where CloudTrail was searched, then each distinct failed call explained. */
export function printRoleExplanation(out: Writer, s: Style, doc: RoleExplanation): void {
  const t: Say = (key, params = {}) => say(EXPLAIN, s.lang, { id: key, params });
  const field = (key: ExplainKey, value: string) => line(out, `  ${padColumns(t(key), 12)}${value}`);
  const calls = doc.results.reduce((sum, result) => sum + result.attempts, 0);
  line(out, `${s.bold('CloudTrail')} ${t('role.header', { role: doc.role })}`);
  const searched = doc.searched.map((r) =>
    t(r.pages === 1 ? 'role.region.one-page' : 'role.region', { region: r.region, events: r.events, pages: r.pages }),
  );
  field('role.searched', searched.join(', '));
  field('role.window', `${doc.window.start} → ${doc.window.end}`);
  const distinct = doc.results.length;
  field(
    'role.found',
    t(calls === 0 ? 'role.failed.none' : calls === 1 ? 'role.failed.one' : 'role.failed', { calls, distinct }),
  );
  if (doc.successes.count > 0) {
    const latestFailure = doc.results[0]?.last ?? '';
    const fixed = doc.successes.latest !== null && doc.successes.latest > latestFailure;
    const { count } = doc.successes;
    field(
      'role.succeeded',
      t(count === 1 ? 'role.successes.one' : 'role.successes', { count, latest: String(doc.successes.latest) }) +
        (fixed && calls > 0 ? t('role.fixed-since') : ''),
    );
  }
  for (const note of doc.notes) line(out, `  ${s.warn(t('note'))} ${note}`);
  line(out);
  printWarnings(out, s, doc.warnings);
  if (doc.warnings.length > 0) line(out);
  if (doc.results.length === 0) {
    printNothingFound(out, doc, t);
    return;
  }
  for (const result of doc.results) printExplanation(out, s, result, doc.trustPolicy);
}

function printNothingFound(out: Writer, doc: RoleExplanation, t: Say): void {
  const [home] = doc.regions;
  line(out, t('role.nothing', { role: doc.role, regions: doc.regions.join(' or ') }));
  line(out, t('role.nothing.delay'));
  line(out, t('role.nothing.region', { home: String(home) }));
  line(out, t('role.nothing.no-token'));
}
