import { describe, expect, it } from 'vitest';
import { EPOCH } from '../deploy/fake-ecs/fake-ecs.js';
import { GROUP, logsWorld, MINUTE, stream, TASKS } from './world.js';

describe('hatoba logs', () => {
  it('prints the newest deployment first, each line with time, short task id and revision', async () => {
    const world = logsWorld();
    const { code, stdout, stderr } = await world.run(['logs']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'revision 6 (2 tasks)',
        '2026-01-15T08:55:00.000Z 0003a1b2 r6  GET /healthz 200',
        '2026-01-15T08:56:00.000Z 0003a1b2 r6  error: db timeout after 5000 ms',
        '2026-01-15T08:58:00.000Z 0004a1b2 r6  listening on :8080',
        '',
        'revision 5 (1 task)',
        '2026-01-15T08:50:00.000Z 0001a1b2 r5  revision 5 shutting down',
        '',
      ].join('\n'),
    );
    // Paging: three-event pages with an empty page between them, followed to the end.
    expect(world.logs.count('FilterLogEvents')).toBeGreaterThan(1);
    const first = world.logs.calls[0]?.input as Record<string, unknown>;
    expect(first).toMatchObject({
      logGroupName: GROUP,
      logStreamNamePrefix: 'ecs/app/',
      startTime: EPOCH - 15 * MINUTE,
    });
  });

  it('--since widens the window', async () => {
    const { stdout } = await logsWorld().run(['logs', '--since', '30m']);
    expect(stdout).toContain('revision 5 boot, long ago');
  });

  it('--task takes a short id and reads only that stream', async () => {
    const world = logsWorld();
    const { code, stdout } = await world.run(['logs', '--task', '0004a1b2']);
    expect(code).toBe(0);
    expect(stdout).toContain('listening on :8080');
    expect(stdout).not.toContain('GET /healthz');
    expect(world.logs.calls[0]?.input).toMatchObject({ logStreamNames: [stream(TASKS.b)] });
  });

  it('--task names an unknown task: exit 2 with the fix', async () => {
    const { code, stderr } = await logsWorld().run(['logs', '--task', 'ffff']);
    expect(code).toBe(2);
    expect(stderr).toContain('--task: "ffff" is not a task of this service');
    expect(stderr).toContain('hatoba status');
  });

  it('--filter is an exact phrase, sent quoted so it is not pattern syntax', async () => {
    const world = logsWorld();
    const { code, stdout } = await world.run(['logs', '--filter', 'error: db']);
    expect(code).toBe(0);
    expect(world.logs.calls[0]?.input).toMatchObject({ filterPattern: '"error: db"' });
    expect(stdout).toContain('error: db timeout');
    expect(stdout).not.toContain('GET /healthz');
  });

  it('--filter with a double quote is refused before any AWS call', async () => {
    const world = logsWorld();
    const { code, stderr } = await world.run(['logs', '--filter', 'say "hi"']);
    expect(code).toBe(2);
    expect(stderr).toContain('--filter');
    expect(world.logs.calls).toHaveLength(0);
  });

  it('--json prints one document with task id, revision, timestamp and message', async () => {
    const { code, stdout } = await logsWorld().run(['logs', '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.truncated).toBe(false);
    expect(document.events.map((e: { revision: number }) => e.revision)).toEqual([6, 6, 6, 5]);
    expect(document.events[0]).toMatchObject({
      taskId: TASKS.a,
      revision: 6,
      timestamp: '2026-01-15T08:55:00.000Z',
      message: 'GET /healthz 200',
    });
  });

  it('--limit bounds the work and says the output is cut', async () => {
    const world = logsWorld();
    const { code, stdout, stderr } = await world.run(['logs', '--limit', '2', '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.events).toHaveLength(2);
    expect(document.truncated).toBe(true);
    expect(stderr).toBe('');
    const text = await logsWorld().run(['logs', '--limit', '2']);
    expect(text.stderr).toContain('showing the first 2 lines');
  });

  it('strips terminal control sequences from container output, on a terminal too', async () => {
    const world = logsWorld();
    world.logs.write(GROUP, stream(TASKS.a), EPOCH - MINUTE, '\u001b[31mred\u001b[0m \u001b]0;pwned\u0007done');
    const { stdout } = await world.run(['logs'], true);
    expect(stdout).toContain('red done');
    // On a terminal, times are local HH:MM:SS.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: hatoba's own dim styling, removed to read the text
    const plain = stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^\d\d:\d\d:\d\d 0003a1b2 r6 {2}GET \/healthz 200$/m);
    expect(stdout).not.toContain('pwned');
    expect(stdout).not.toContain('\u001b[31m');
  });

  it('a missing log group is exit 2 with the fix', async () => {
    const { code, stderr } = await logsWorld({ group: false }).run(['logs']);
    expect(code).toBe(2);
    expect(stderr).toContain(`log group ${GROUP} does not exist`);
    expect(stderr).toContain('hatoba up');
  });

  it('a denied FilterLogEvents names the action', async () => {
    const world = logsWorld();
    world.logs.denied = ['logs:FilterLogEvents'];
    const { code, stderr } = await world.run(['logs']);
    expect(code).toBe(2);
    expect(stderr).toContain('logs:FilterLogEvents');
  });
});

describe('hatoba logs --follow', () => {
  it('prints new and late events exactly once, then Ctrl-C ends it with 130 and no further calls', async () => {
    const world = logsWorld();
    let stoppedAt: number | undefined;
    world.logs.onFilter = (call) => {
      const now = world.ecs.clock.now();
      if (call === 3) world.logs.write(GROUP, stream(TASKS.b), now - 1000, 'new line');
      // Written 20 s ago but readable only 5 s from now: older than what was already printed.
      if (call === 4) world.logs.write(GROUP, stream(TASKS.a), now - 20_000, 'late line', now + 5000);
      if (call === 12 && stoppedAt === undefined) {
        stoppedAt = call;
        world.signals.emit('SIGINT', 'SIGINT');
      }
    };
    const { code, stdout } = await world.run(['logs', '--follow', '--json']);
    expect(code).toBe(130);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { message: string });
    const messages = lines.map((l) => l.message);
    // JSON Lines to the end: Ctrl-C's error document is one more line.
    expect(lines.at(-1)).toEqual({ error: { message: 'Interrupted', hint: null, exitCode: 130 } });
    expect(messages.filter((m) => m === 'new line')).toHaveLength(1);
    expect(messages.filter((m) => m === 'late line')).toHaveLength(1);
    expect(messages.filter((m) => m === 'GET /healthz 200')).toHaveLength(1);
    const calls = world.logs.count('FilterLogEvents');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(world.logs.count('FilterLogEvents')).toBe(calls);
  });

  it('reads the service again (at most every 30 s) when a line comes from a task it does not know', async () => {
    const world = logsWorld();
    const stranger = 'ffff0000ffff0000ffff0000ffff0000';
    world.logs.onFilter = (call) => {
      const now = world.ecs.clock.now();
      if (call === 2) world.logs.write(GROUP, stream(stranger), now - 1000, 'from a task ECS no longer lists');
      if (call === 20) world.logs.write(GROUP, stream(stranger), now - 1000, 'again, 38 s later');
      if (call === 22) world.signals.emit('SIGINT', 'SIGINT');
    };
    const { code, stdout } = await world.run(['logs', '--follow']);
    expect(code).toBe(130);
    expect(stdout).toMatch(/ ffff0000 r\? {2}from a task ECS no longer lists$/m);
    expect(stdout).toMatch(/ ffff0000 r\? {2}again, 38 s later$/m);
    // Once at the start, once more for the second unknown line (the first came within 30 s of the start).
    expect(world.ecs.callCount('DescribeServices')).toBe(2);
  });
});
