import { describe, expect, it } from 'vitest';
import { isLive, Progress, QUIET_MS, REDRAW_MS, type Ticker } from '../../src/report/progress.js';
import { screen } from '../support/terminal.js';

/** A terminal (or pipe) that records every write, a clock moved by hand, and a ticker the test fires. */
function harness(options: { tty: boolean; env?: Record<string, string>; columns?: number }) {
  const writes: string[] = [];
  let now = 1_000_000;
  let tick: (() => void) | undefined;
  let stopped = 0;
  const ticker: Ticker = (fn) => {
    tick = fn;
    return () => {
      tick = undefined;
      stopped += 1;
    };
  };
  const abort = new AbortController();
  const writer = { isTTY: options.tty, columns: options.columns, write: (text: string) => void writes.push(text) };
  const progress = new Progress(writer, {
    env: options.env ?? { TERM: 'xterm-256color' },
    clock: { now: () => now },
    signal: abort.signal,
    ticker,
  });
  return {
    progress,
    writes,
    text: () => writes.join(''),
    advance: (ms: number) => {
      now += ms;
      tick?.();
    },
    ticking: () => tick !== undefined,
    stopped: () => stopped,
    abort: () => abort.abort(new Error('interrupted')),
  };
}

const ESC = '\u001b';
/** Every C0 control and DEL: what the status line must never carry from build output. */
const CONTROLS = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}]`);

describe('progress: which form', () => {
  it.each([
    [{ isTTY: true }, { TERM: 'xterm' }, true],
    [{ isTTY: false }, { TERM: 'xterm' }, false],
    [{}, {}, false],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: true }, { CI: 'true' }, false],
    [{ isTTY: true }, { CI: 'false' }, true],
  ])('%o with %o → live %s', (stream, env, live) => {
    expect(isLive({ ...stream, write: () => {} }, env)).toBe(live);
  });
});

describe('progress on a terminal: one status line redrawn in place', () => {
  it('draws the status with seconds ticking, then commits the step as a permanent line', () => {
    const t = harness({ tty: true });
    t.progress.status('build image');
    expect(screen(t.text())).toEqual(['build image 0s']);
    t.advance(1000);
    t.advance(1000);
    expect(screen(t.text())).toEqual(['build image 2s']);
    t.progress.update('#5 [2/4] RUN npm ci');
    t.advance(REDRAW_MS);
    expect(screen(t.text())).toEqual(['build image 2s #5 [2/4] RUN npm ci']);
    t.progress.done();
    t.progress.line('✓ build image   2.1s  linux/amd64');
    expect(screen(t.text())).toEqual(['✓ build image   2.1s  linux/amd64', '']);
    expect(t.text()).not.toContain('\u001b[?25l\u001b'); // never hides the cursor twice in a row
  });

  it('clears the status line before another line, and draws it again below', () => {
    const t = harness({ tty: true });
    t.progress.status('waiting for web', '3 resources done');
    t.progress.line('  12:00:01  CREATE_COMPLETE  AWS::ECS::Cluster  Cluster');
    expect(screen(t.text())).toEqual([
      '  12:00:01  CREATE_COMPLETE  AWS::ECS::Cluster  Cluster',
      'waiting for web 0s 3 resources done',
    ]);
  });

  it('redraws at most once per interval however often the detail changes', () => {
    const t = harness({ tty: true });
    t.progress.status('build image');
    const before = t.writes.length;
    for (let i = 0; i < 500; i++) t.progress.update(`line ${i}`);
    expect(t.writes.length).toBe(before);
    t.advance(REDRAW_MS);
    expect(t.writes.length).toBe(before + 1);
    expect(screen(t.text())).toEqual(['build image 0s line 499']);
  });

  it('strips control sequences and secrets of the detail; keeps the line to one row', () => {
    const t = harness({ tty: true, columns: 40 });
    t.progress.status('build image');
    t.advance(REDRAW_MS);
    t.progress.update('\u001b]52;c;ZXZpbA==\u0007\u001b[2Jtoken eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvIn0.sig\ttab');
    t.advance(REDRAW_MS);
    const last = t.writes.at(-1) ?? '';
    expect(last.startsWith('\r\u001b[2K')).toBe(true);
    const shown = last.slice('\r\u001b[2K'.length);
    expect(shown).not.toMatch(CONTROLS);
    expect(shown).not.toContain('eyJhbGci');
    expect([...shown].length).toBeLessThanOrEqual(39);
  });

  it('takes a terminal of unknown width (0 columns) to be 80 wide', () => {
    const t = harness({ tty: true, columns: 0 });
    t.progress.status('build image', 'x'.repeat(100));
    expect(screen(t.text())[0]).toBe(`build image 0s ${'x'.repeat(63)}…`);
  });

  it('leaves nothing on the terminal at the end and gives the cursor back', () => {
    const t = harness({ tty: true });
    t.progress.line('Rehearsing app');
    t.progress.status('push', 'pushed 3/7 layers');
    t.progress.end();
    expect(screen(t.text())).toEqual(['Rehearsing app', '']);
    expect(t.text().lastIndexOf('\u001b[?25h')).toBeGreaterThan(t.text().lastIndexOf('\u001b[?25l'));
    expect(t.ticking()).toBe(false);
    t.progress.status('health check');
    t.advance(REDRAW_MS);
    expect(screen(t.text())).toEqual(['Rehearsing app', '']);
  });

  it('clears the status line the moment Ctrl-C aborts', () => {
    const t = harness({ tty: true });
    t.progress.status('build image', 'RUN npm ci');
    t.abort();
    expect(screen(t.text())).toEqual(['']);
    expect(t.text().endsWith('\u001b[?25h')).toBe(true);
    expect(t.stopped()).toBe(1);
  });
});

describe('progress in a log: a plain line per event', () => {
  it('prints the start of an activity with the time since the start, and no carriage return', () => {
    const t = harness({ tty: false });
    t.advance(12_000);
    t.progress.status('build image');
    t.progress.line('✓ build image  12.0s');
    expect(t.text()).toBe('[ 12s] build image\n✓ build image  12.0s\n');
    expect(t.text()).not.toContain('\r');
  });

  it('throttles details to one per quiet period, always the latest, flushed by the ticker', () => {
    const t = harness({ tty: false });
    t.progress.status('build image');
    for (let i = 1; i <= 100; i++) t.progress.update(`#${i} output`);
    // Just printed the start: the details wait.
    expect(t.text()).toBe('[  0s] build image\n');
    t.advance(QUIET_MS);
    expect(t.text()).toBe('[  0s] build image\n[  3s] build image: #100 output\n');
    t.advance(QUIET_MS);
    expect(t.text().split('\n')).toHaveLength(3); // nothing new, nothing printed
    t.progress.update('#101 output');
    expect(t.text()).toContain('[  6s] build image: #101 output\n');
    expect(t.text()).not.toContain('\r');
    expect(t.text()).not.toContain(ESC);
  });

  it('drops a held-back detail once its activity is done', () => {
    const t = harness({ tty: false });
    t.progress.status('push');
    t.progress.update('pushed 1/2 layers');
    t.progress.done();
    t.advance(QUIET_MS);
    expect(t.text()).toBe('[  0s] push\n');
  });

  it('strips control sequences of the detail', () => {
    const t = harness({ tty: false });
    t.progress.status('build image');
    t.advance(QUIET_MS);
    t.progress.update('\u001b[31mred\u001b[0m \u001b]0;title\u0007text');
    expect(t.text()).toContain('build image: red text\n');
    expect(t.text()).not.toContain('\u001b');
  });
});
