/**
 * One failure cause, as deploy (ECS evidence) and rehearse (local Docker evidence) both report it: a stable id, what
 * broke, what to do, and its entry in docs/troubleshooting.md. `Facts` are the figures the words depend on.
 */
export interface CauseEntry<Facts = void> {
  readonly id: string;
  readonly title: Text<Facts>;
  readonly fix: Text<Facts>;
}

type Text<Facts> = string | ((facts: Facts) => string);

/** A cause in words, ready to render. */
export interface NamedCause {
  readonly id: string;
  readonly title: string;
  readonly fix: string;
  /** `docs/troubleshooting.md#deploy-<id>`. */
  readonly docs: string;
}

export function defineCause<Facts = void>(entry: CauseEntry<Facts>): CauseEntry<Facts> {
  return entry;
}

export function nameCause<Facts>(entry: CauseEntry<Facts>, facts: Facts): NamedCause {
  const text = (t: Text<Facts>) => (typeof t === 'string' ? t : t(facts));
  return { id: entry.id, title: text(entry.title), fix: text(entry.fix), docs: troubleshootingLink(entry.id) };
}

const TROUBLESHOOTING_DOC = 'docs/troubleshooting.md';

/** Anchor of the cause's entry in the "Deploys" section of docs/troubleshooting.md. */
export function troubleshootingLink(id: string): string {
  return `${TROUBLESHOOTING_DOC}#deploy-${id}`;
}
