import type { HatobaConfig } from '../../config/resolve.js';

/**
 * Without an environment, the token of a manual run carries the ref it was started from, and the role trusts only
 * the configured branches and tags. Skipping other refs turns a confusing AccessDenied into a skipped job.
 */
export function dispatchGuard(config: HatobaConfig): string | undefined {
  if (config.github.environment !== undefined) return undefined;
  const refs = [
    ...config.github.branches.map((b) => refCondition('refs/heads/', b)),
    ...config.github.tags.map((t) => refCondition('refs/tags/', t)),
  ].filter((c) => c !== undefined);
  return `github.event_name != 'workflow_dispatch' || ${refs.length > 0 ? refs.join(' || ') : 'false'}`;
}

/** `github.ref == 'refs/heads/main'`, or `startsWith(...)` for a trailing-`*` pattern; other patterns can't be run by hand. */
function refCondition(prefix: string, pattern: string): string | undefined {
  if (!/[*?[\]!+]/.test(pattern)) return `github.ref == ${literal(prefix + pattern)}`;
  const head = pattern.replace(/\*+$/, '');
  if (head !== pattern && !/[*?[\]!+]/.test(head)) return `startsWith(github.ref, ${literal(prefix + head)})`;
  return undefined;
}

/** A string literal of GitHub's expression syntax: single quotes, a quote inside doubled (`'it''s'`). */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
