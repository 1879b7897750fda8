import { appendFile } from 'node:fs/promises';
import type { CommandContext, Writer } from './command.js';

// JWTs, AWS secret keys and session tokens must never reach a terminal or a CI log, even inside an error message.
const SECRET_PATTERNS: readonly RegExp[] = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  // 40-character secret access keys (mixed case and digits; a lowercase-hex git sha is not one).
  /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{0,39}[A-Z])(?=[A-Za-z0-9/+=]{0,39}[0-9])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
  /(?<=(?:SessionToken|session_token|sessionToken)["'=:\s]+)[A-Za-z0-9/+=]{100,}/g,
];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

/** Prints the one JSON document a `--json` command emits on stdout. */
export function printJson(context: Pick<CommandContext, 'stdout'>, document: unknown): void {
  context.stdout.write(`${redact(JSON.stringify(document, null, 2))}\n`);
}

export function line(writer: Writer, text = ''): void {
  writer.write(`${redact(text)}\n`);
}

/** One `warning: …` line per warning, in the warning color. */
export function printWarnings(writer: Writer, s: Style, warnings: readonly string[], indent = ''): void {
  for (const warning of warnings) line(writer, `${indent}${s.warn('warning:')} ${warning}`);
}

export interface Style {
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** ANSI colors for people at a terminal; plain text for pipes, CI logs and NO_COLOR. */
export function style(context: Pick<CommandContext, 'interactive' | 'env'>): Style {
  const on = context.interactive && context.env.NO_COLOR === undefined && context.env.TERM !== 'dumb';
  const paint = (code: string) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { ok: paint('32'), bad: paint('31'), warn: paint('33'), dim: paint('2'), bold: paint('1') };
}

/** True inside a GitHub Actions job, where workflow commands and the step summary exist. */
export function inGitHubActions(env: CommandContext['env']): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** GitHub workflow command values escape %, CR and LF; properties also escape : and ,. */
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
    annotation.file === undefined ? undefined : `file=${escapeProperty(annotation.file)}`,
    annotation.line === undefined ? undefined : `line=${annotation.line}`,
    annotation.title === undefined ? undefined : `title=${escapeProperty(annotation.title)}`,
  ].filter((p) => p !== undefined);
  const head = props.length > 0 ? `::${annotation.level} ${props.join(',')}` : `::${annotation.level}`;
  writer.write(`${head}::${escapeData(redact(annotation.message))}\n`);
}

export function group(writer: Writer, title: string): () => void {
  writer.write(`::group::${escapeData(title)}\n`);
  return () => writer.write('::endgroup::\n');
}

/** Appends Markdown to the job summary when running in GitHub Actions; a no-op elsewhere. */
export async function appendStepSummary(env: CommandContext['env'], markdown: string): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  await appendFile(file, `${redact(markdown)}\n`);
}
