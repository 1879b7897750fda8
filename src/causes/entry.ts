import { type Message, say } from '../i18n/message.js';
import { DEPLOY, type DeployKey } from '../i18n/messages/deploy.js';

/**
 * One failure cause, as deploy (ECS evidence) and rehearse (local Docker evidence) both report it: a stable id, what
 * broke, what to do, and its entry in docs/troubleshooting.md. `Facts` are the figures the words depend on; the words
 * are messages of the deploy catalogue (src/i18n/messages/deploy.ts), so every language says the same.
 */
export interface CauseEntry<Facts = void> {
  readonly id: string;
  readonly title: Words<Facts>;
  readonly fix: Words<Facts>;
}

/** A cause's title or fix: a message of the deploy catalogue, the facts it depends on as its values. */
export type CauseText = Message<DeployKey>;

type Words<Facts> = CauseText | ((facts: Facts) => CauseText);

/** A cause in words, ready to render. */
export interface NamedCause {
  readonly id: string;
  /** In English, as --json has always printed it. */
  readonly title: string;
  readonly fix: string;
  /** `docs/troubleshooting.md#deploy-<id>`. */
  readonly docs: string;
  /** The title and fix as catalogue messages, for src/report/ to put in the reader's language. */
  readonly messages: CauseMessages;
}

export interface CauseMessages {
  readonly title: CauseText;
  readonly fix: CauseText;
}

export function defineCause<Facts = void>(entry: CauseEntry<Facts>): CauseEntry<Facts> {
  return entry;
}

export function nameCause<Facts>(entry: CauseEntry<Facts>, facts: Facts): NamedCause {
  const text = (t: Words<Facts>) => (typeof t === 'function' ? t(facts) : t);
  const messages = { title: text(entry.title), fix: text(entry.fix) };
  return {
    id: entry.id,
    title: say(DEPLOY, 'en', messages.title),
    fix: say(DEPLOY, 'en', messages.fix),
    docs: troubleshootingLink(entry.id),
    messages,
  };
}

const TROUBLESHOOTING_DOC = 'docs/troubleshooting.md';

/** Anchor of the cause's entry in the "Deploys" section of docs/troubleshooting.md. */
export function troubleshootingLink(id: string): string {
  return `${TROUBLESHOOTING_DOC}#deploy-${id}`;
}
