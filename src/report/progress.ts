import type { Clock } from '../clock.js';
import { clean, type Env, line, type Writer } from './output.js';

/**
 * The one progress display of long commands (rehearse, up, deploy, rollback). Two forms:
 * - live: on a terminal, one status line redrawn in place (what runs, seconds ticking, the latest detail) under the
 *   permanent lines; at most one redraw per REDRAW_MS, cleared before any other output and at the end;
 * - lines: in CI logs and pipes, one plain line per event with the time since the start, never a carriage return;
 *   details (build output, counts) at most one per QUIET_MS, always the latest, so a chatty build cannot flood a log.
 */

/** Calls `tick` every `ms` until the returned function is called; tests drive it by hand. */
export type Ticker = (tick: () => void, ms: number) => () => void;

const systemTicker: Ticker = (tick, ms) => {
  const timer = setInterval(tick, ms);
  // The status line must never keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
};

export interface ProgressOptions {
  readonly env: Env;
  readonly clock: Pick<Clock, 'now'>;
  /** Ctrl-C: the status line is cleared at once, before the interruption is reported. */
  readonly signal?: AbortSignal | undefined;
  readonly ticker?: Ticker;
}

/** ~10 redraws a second is smooth enough for a person and cheap for a remote terminal. */
export const REDRAW_MS = 100;
/** In line form, a detail line at most every 3 s: a 3-minute build leaves about 60 lines, not thousands. */
export const QUIET_MS = 3000;

const CLEAR_LINE = '\r\u001b[2K';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

/** A live status line only for a person at a real terminal: not in CI, not on a `dumb` one, not into a pipe. */
export function isLive(writer: Writer, env: Env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return writer.isTTY === true && env.TERM !== 'dumb' && !ci;
}

/**
 * Build output is not ours: none of its control sequences (colors included, which line() would keep) may reach the
 * terminal, and no tab or newline may break the one-row status either.
 */
function plain(text: string): string {
  return clean(text).replace(/\s+/g, ' ').trim();
}

export class Progress {
  readonly live: boolean;
  private readonly started: number;
  private label: string | undefined;
  private labelSince = 0;
  private detail = '';
  private drawn = false;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private dirty = false;
  /** Line form: the detail not printed yet, and when a line was last printed. */
  private pendingDetail: string | undefined;
  private lastPrinted = Number.NEGATIVE_INFINITY;
  private stopTicker: (() => void) | undefined;
  private ended = false;

  constructor(
    private readonly writer: Writer,
    private readonly options: ProgressOptions,
  ) {
    this.live = isLive(writer, options.env);
    this.started = options.clock.now();
    options.signal?.addEventListener('abort', () => this.end(), { once: true });
  }

  /** A permanent line (a finished step, an event): printed above the status line. */
  line(text = ''): void {
    if (this.ended) return;
    this.erase();
    line(this.writer, text);
    this.lastPrinted = this.now();
    this.dirty = true;
    this.redraw();
  }

  /** What runs now: `build image`, `waiting for web-service`. A new label restarts its seconds and clears the detail. */
  status(label: string, detail = ''): void {
    if (this.ended) return;
    if (label !== this.label) {
      this.label = label;
      this.labelSince = this.now();
      this.detail = plain(detail);
      this.pendingDetail = undefined;
      this.ensureTicker();
      if (this.live) this.redraw(true);
      else this.print(this.detail === '' ? label : `${label}: ${this.detail}`);
      return;
    }
    this.update(detail);
  }

  /** The latest of the current activity: a line of build output, `pushed 3/7 layers`, `check 2: HTTP 200`. */
  update(detail: string): void {
    if (this.ended || this.label === undefined) return;
    this.detail = plain(detail);
    if (this.live) {
      this.dirty = true;
      this.redraw();
      return;
    }
    this.pendingDetail = this.detail;
    this.flushDetail();
  }

  /** The activity ended: its status line goes (the caller prints the permanent result line). */
  done(): void {
    if (this.ended) return;
    this.erase();
    this.label = undefined;
    this.detail = '';
    this.pendingDetail = undefined;
    this.stopTicker?.();
    this.stopTicker = undefined;
  }

  /** Clears the status line and gives the cursor back; call it on every way out (success, failure, Ctrl-C). */
  end(): void {
    if (this.ended) return;
    this.done();
    this.ended = true;
  }

  private now(): number {
    return this.options.clock.now();
  }

  private ensureTicker(): void {
    if (this.stopTicker !== undefined) return;
    const ticker = this.options.ticker ?? systemTicker;
    this.stopTicker = ticker(() => this.tick(), this.live ? REDRAW_MS : QUIET_MS / 3);
  }

  /** Live: the seconds tick even when nothing else changes. Lines: a detail held back by the throttle comes out. */
  private tick(): void {
    if (this.ended || this.label === undefined) return;
    if (this.live) this.redraw(true);
    else this.flushDetail();
  }

  private flushDetail(): void {
    if (this.pendingDetail === undefined || this.label === undefined) return;
    if (this.now() - this.lastPrinted < QUIET_MS) return;
    const detail = this.pendingDetail;
    this.pendingDetail = undefined;
    this.print(`${this.label}: ${detail}`);
  }

  /** Line form: `[ 12s] build image: #8 [4/9] RUN npm ci`. */
  private print(text: string): void {
    const seconds = Math.round((this.now() - this.started) / 1000);
    line(this.writer, `[${`${seconds}s`.padStart(4)}] ${text}`);
    this.lastPrinted = this.now();
  }

  private redraw(force = false): void {
    if (!this.live || this.ended || this.label === undefined) return;
    if (!force && !this.dirty) return;
    const now = this.now();
    // Throttled: a change within REDRAW_MS of the last draw waits for the next tick.
    if (now - this.lastDraw < REDRAW_MS && this.drawn) {
      this.dirty = true;
      return;
    }
    const seconds = Math.floor((now - this.labelSince) / 1000);
    const detail = this.detail === '' ? '' : `  ${this.detail}`;
    const text = plain(`${this.label} ${seconds}s${detail}`);
    // One row only: a line that wraps could not be cleared with one carriage return. A terminal of unknown size
    // (columns 0 or missing, as under `script`) is taken to be 80 wide.
    const width = Math.max(20, (this.writer.columns || 80) - 1);
    const shown = [...text].length > width ? `${[...text].slice(0, width - 1).join('')}…` : text;
    this.writer.write(`${this.drawn ? CLEAR_LINE : HIDE_CURSOR}${shown}`);
    this.drawn = true;
    this.dirty = false;
    this.lastDraw = now;
  }

  private erase(): void {
    if (!this.drawn) return;
    this.writer.write(`${CLEAR_LINE}${SHOW_CURSOR}`);
    this.drawn = false;
    this.lastDraw = Number.NEGATIVE_INFINITY;
  }
}
