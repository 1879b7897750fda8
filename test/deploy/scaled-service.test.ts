import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CONFIG, runScenario } from './fake-ecs/harness.js';
import { NEW_IMAGE } from './fake-ecs/scenarios.js';

/** The fixture hatoba.yml (desiredCount 2) with auto scaling between `min` and `max`. */
async function scaledConfig(min: number, max: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hatoba-scaled-'));
  const text = (await readFile(FIXTURE_CONFIG, 'utf8')).replace(
    '  desiredCount: 2\n',
    `  desiredCount: 2\n  scaling:\n    min: ${min}\n    max: ${max}\n    cpuPercent: 60\n`,
  );
  const path = join(dir, 'hatoba.yml');
  await writeFile(path, text);
  return path;
}

describe('a service with ecs.scaling', () => {
  it('first deploy starts at least scaling.min tasks', async () => {
    const config = await scaledConfig(3, 6);
    const run = await runScenario('first-deploy', ['deploy', '--image', NEW_IMAGE, '--json'], {}, { config });
    expect(run.code).toBe(0);
    const update = run.fake.mocks.ecs.commandCalls(UpdateServiceCommand)[0]?.args[0].input;
    expect(update?.desiredCount).toBe(3);
  });

  it('a later deploy keeps the count auto scaling set', async () => {
    const config = await scaledConfig(1, 8);
    const run = await runScenario('scaled', ['deploy', '--image', NEW_IMAGE, '--json'], {}, { config });
    expect(run.code).toBe(0);
    const update = run.fake.mocks.ecs.commandCalls(UpdateServiceCommand)[0]?.args[0].input;
    expect(update).not.toHaveProperty('desiredCount');
  });

  it('status shows the scaling range next to the running count', async () => {
    const config = await scaledConfig(1, 8);
    const json = await runScenario('scaled', ['status', '--json'], {}, { config });
    expect(JSON.parse(json.stdout).scaling).toEqual({ min: 1, max: 8 });
    const text = await runScenario('scaled', ['status'], {}, { config });
    expect(text.stdout).toMatch(/5\/5 running \(auto scaling 1–8\)/);
  });

  it('status without scaling says nothing about a range', async () => {
    const json = await runScenario('healthy', ['status', '--json']);
    expect(JSON.parse(json.stdout).scaling).toBeNull();
  });
});
