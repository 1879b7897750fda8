import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_BUNDLE, buildAction, FORBIDDEN_PACKAGES } from '../../scripts/build-action.js';

const root = new URL('../../', import.meta.url);

describe('the bundled GitHub Action', () => {
  it('the committed bundle matches the sources (run `npm run build:action` when this fails)', async () => {
    const outfile = join(await mkdtemp(join(tmpdir(), 'hatoba-action-')), 'index.cjs');
    const built = await buildAction(outfile);
    const fresh = await readFile(outfile);
    const committed = await readFile(new URL(ACTION_BUNDLE, root));
    expect(fresh.equals(committed), `${ACTION_BUNDLE} is stale: run \`npm run build:action\` and commit it`).toBe(true);
    // The deploy path only: the SDK clients, config parsing and the CLI parser, none of the synth/lint/explain weight.
    expect(built.packages).toContain('@aws-sdk/client-ecs');
    for (const name of FORBIDDEN_PACKAGES) expect(built.packages).not.toContain(name);
  });

  it('action.yml runs the committed bundle on node24 with the documented inputs and outputs', async () => {
    const action = parse(await readFile(new URL('action.yml', root), 'utf8')) as {
      runs: { using: string; main: string };
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    expect(action.runs).toEqual({ using: 'node24', main: ACTION_BUNDLE });
    expect(Object.keys(action.inputs).sort()).toEqual(['command', 'config', 'environment', 'image', 'poll', 'timeout']);
    expect(action.inputs.command?.default).toBe('deploy');
    expect(Object.keys(action.outputs).sort()).toEqual(['revision', 'task-definition-arn', 'verdict']);
  });
});
