import { fileURLToPath } from 'node:url';
import { runCli } from '../../support/cli.js';
import { FakeEcs } from './fake-ecs.js';
import { NEW_IMAGE, SCENARIOS, type ScenarioName } from './scenarios.js';

export const FIXTURE_CONFIG = fileURLToPath(new URL('../fixtures/hatoba.yml', import.meta.url));
/** The fixture with `ecs.scaling: { min: 2, max: 8, cpuPercent: 60 }`. */
export const SCALED_CONFIG = fileURLToPath(new URL('../fixtures/hatoba-scaled.yml', import.meta.url));

export interface ScenarioRun {
  readonly fake: FakeEcs;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real CLI (`main`, the same code `node bin/hatoba.js` runs) against the fake ECS of one scenario, with the
 * fake's virtual clock. `argv` defaults to `deploy --image NEW_IMAGE`; `--config` is added (the fixture by default).
 */
export async function runScenario(
  name: ScenarioName,
  argv: readonly string[] = ['deploy', '--image', NEW_IMAGE],
  env: Record<string, string> = {},
  options: { readonly tty?: boolean; readonly config?: string } = {},
): Promise<ScenarioRun> {
  const fake = new FakeEcs(SCENARIOS[name]);
  const { config = FIXTURE_CONFIG, ...cli } = options;
  try {
    const result = await runCli([...argv, '--config', config], { env, clock: fake.clock, ...cli });
    return { fake, ...result };
  } finally {
    fake.restore();
  }
}
