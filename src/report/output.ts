import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { Language } from '../i18n/language.js';

/** Where rendered text goes: the command context's stdout or stderr, or a test's buffer. */
export interface Writer {
  write(text: string): void;
  /** A terminal (Node's streams have these): progress draws a live status line there. */
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** The process environment as commands see it. */
export type Env = Readonly<Record<string, string | undefined>>;

// JWTs, AWS secret keys and session tokens must never reach a terminal or a CI log, even inside an error message.
const SECRET_PATTERNS: readonly RegExp[] = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  // 40-character secret access keys (mixed case and digits; a lowercase-hex git sha is not one).
  /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{0,39}[A-Z])(?=[A-Za-z0-9/+=]{0,39}[0-9])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
  /(?<=(?:SessionToken|session_token|sessionToken)["'=:\s]+)[A-Za-z0-9/+=]{100,}/g,
];

function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

// ESC sequences (CSI "ESC [ … final", OSC "ESC ] … BEL|ESC \\", and two-byte ones), C1 CSI/OSC, and every other C0
// or C1 control except tab and newline: text read from a file must not move the cursor, retitle the terminal, write
// the clipboard (OSC 52) or hide what follows.
const ESC = '\u001b';
const CONTROL = new RegExp(
  [
    `${ESC}\\[[0-?]*[ -/]*[@-~]`, // CSI
    `${ESC}\\][^\\u0007${ESC}]*(?:\\u0007|${ESC}\\\\)?`, // OSC, up to BEL or ST
    `${ESC}[@-_]?`, // other two-byte escapes
    '\\u009b[0-?]*[ -/]*[@-~]', // C1 CSI
    '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]', // the remaining C0 and C1 controls, DEL
  ].join('|'),
  'g',
);
// The colors style() paints are kept where hatoba itself wrote them.
const OWN_COLOR = new RegExp(`^${ESC}\\[[0-9;]*m$`);

/** Removes terminal control sequences; `keepColors` keeps plain SGR color codes (hatoba's own styling). */
export function stripControls(text: string, keepColors = false): string {
  return text.replace(CONTROL, (match) => (keepColors && OWN_COLOR.test(match) ? match : ''));
}

/** What every line hatoba prints goes through: no secrets, no terminal control sequences. */
export function clean(text: string, keepColors = false): string {
  return redact(stripControls(text, keepColors));
}

/** Prints the one JSON document a `--json` command emits on stdout. */
export function printJson(context: { readonly stdout: Writer }, document: unknown): void {
  // JSON.stringify escapes every control character, so the document needs no stripping.
  context.stdout.write(`${redact(JSON.stringify(document, null, 2))}\n`);
}

/** One compact JSON value on one line (JSON Lines, for streams of documents such as `logs --follow --json`). */
export function printJsonLine(writer: Writer, value: unknown): void {
  writer.write(`${redact(JSON.stringify(value))}\n`);
}

export function line(writer: Writer, text = ''): void {
  writer.write(`${inertCommands(clean(text, true))}\n`);
}

/**
 * A GitHub runner treats any output line starting with `::` as a workflow command; text from input files (a job id
 * with a newline) must not become `::add-mask::` or `::error::`. hatoba's own commands go through annotate/group.
 */
function inertCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1%3A');
}

/** One `warning: …` line per warning, in the warning color. */
export function printWarnings(writer: Writer, s: Style, warnings: readonly string[], indent = ''): void {
  for (const warning of warnings) line(writer, `${indent}${s.warn('warning:')} ${warning}`);
}

export interface Style {
  /** The language to render messages in (src/i18n/). */
  readonly lang: Language;
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** ANSI colors for people at a terminal; plain text for pipes, CI logs and NO_COLOR. */
export function style(context: {
  readonly interactive: boolean;
  readonly env: Env;
  readonly lang?: Language | undefined;
}): Style {
  const on = context.interactive && context.env.NO_COLOR === undefined && context.env.TERM !== 'dumb';
  const paint = (code: string) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    lang: context.lang ?? 'en',
    ok: paint('32'),
    bad: paint('31'),
    warn: paint('33'),
    dim: paint('2'),
    bold: paint('1'),
  };
}

/** True inside a GitHub Actions job, where workflow commands and the step summary exist. */
export function inGitHubActions(env: Env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/**
 * "Workflow commands for GitHub Actions" (GitHub Docs, escaping): data escapes % → %25, CR → %0D, LF → %0A;
 * property values additionally : → %3A and , → %2C. Without it a newline in a message starts a new command.
 */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly title?: string;
  readonly file?: string;
  readonly line?: number;
}

export function annotate(writer: Writer, annotation: Annotation): void {
  const props = [
    annotation.file === undefined ? undefined : `file=${escapeProperty(clean(annotation.file))}`,
    annotation.line === undefined ? undefined : `line=${annotation.line}`,
    annotation.title === undefined ? undefined : `title=${escapeProperty(clean(annotation.title))}`,
  ].filter((p) => p !== undefined);
  const head = props.length > 0 ? `::${annotation.level} ${props.join(',')}` : `::${annotation.level}`;
  writer.write(`${head}::${escapeData(clean(annotation.message))}\n`);
}

export function group(writer: Writer, title: string): () => void {
  writer.write(`::group::${escapeData(clean(title))}\n`);
  return () => writer.write('::endgroup::\n');
}

/** Appends Markdown to the job summary when running in GitHub Actions; a no-op elsewhere. */
export async function appendStepSummary(env: Env, markdown: string): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  await appendFile(file, `${redact(markdown)}\n`);
}

/**
 * Sets step outputs when running in GitHub Actions; a no-op elsewhere. "Workflow commands for GitHub Actions"
 * (GitHub Docs, setting an output parameter; multiline strings): append to the file $GITHUB_OUTPUT names, one
 * `name<<DELIMITER`, the value, `DELIMITER` each; the delimiter must not occur in the value, so a value read from AWS
 * cannot close it early and set an output of its own. Null values are left unset.
 */
export async function appendStepOutputs(
  env: Env,
  outputs: Readonly<Record<string, string | number | null>>,
): Promise<void> {
  const file = env.GITHUB_OUTPUT;
  if (file === undefined || file === '') return;
  let text = '';
  for (const [name, raw] of Object.entries(outputs)) {
    if (raw === null) continue;
    const value = redact(String(raw));
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  await appendFile(file, text);
}
