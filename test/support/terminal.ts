/** Terminal output as a person sees it. */

const ESC = '\u001b';
const CLEAR_LINE = `\r${ESC}[2K`;

/** The rows a terminal shows after `text`: `\r` + clear-line erases the row; showing/hiding the cursor is invisible. */
export function screen(text: string): string[] {
  const rows = [''];
  const visible = text.replaceAll(`${ESC}[?25l`, '').replaceAll(`${ESC}[?25h`, '');
  for (const part of visible.split(new RegExp(`(\\r${ESC}\\[2K|\\n)`))) {
    if (part === '\n') rows.push('');
    else if (part === CLEAR_LINE) rows[rows.length - 1] = '';
    else rows[rows.length - 1] += part;
  }
  return rows;
}

/**
 * Every status line drawn, in order: what follows a clear-line or a hide-cursor up to the next one, when no newline
 * made it permanent (a status line is always erased before a permanent line is printed).
 */
export function statusLines(text: string): string[] {
  return text
    .split(new RegExp(`\\r${ESC}\\[2K|${ESC}\\[\\?25l`))
    .slice(1)
    .map((part) => part.replaceAll(`${ESC}[?25h`, ''))
    .filter((part) => part !== '' && !part.includes('\n'));
}
