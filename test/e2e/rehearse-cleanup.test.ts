import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { registryVolume } from '../../src/rehearse/pipeline.js';
import type { RehearsalReport } from '../../src/rehearse/report.js';
import { REHEARSE_LABEL } from '../../src/rehearse/steps/state.js';
import { describeDocker, docker, labelledImages, rehearseLeftovers, removeRehearsal } from '../support/docker.js';
import { type HatobaChild, spawnHatoba } from '../support/hatoba-child.js';
import { scaled, waitFor } from '../support/wait.js';

// Everything a rehearsal starts is gone afterwards — after a pass, a failure and Ctrl-C (during the build and during
// the health check) — on the real engine, with the executable as users run it. The fixture builds in two stages; the
// images of its first stage carry FIXTURE_LABEL, so "no new unnamed image" is checked for this build only, even while
// other builds run on the same engine.

const FIXTURE_LABEL = 'io.hatoba.test.fixture=rehearse-multi-stage';
const config = (name: string) => `test/fixtures/rehearse/multi-stage/${name}.yml`;
const VOLUME = registryVolume('rehearse-multi-stage');

describeDocker('hatoba rehearse cleans up', () => {
  let imagesBefore: string[];
  const started: HatobaChild[] = [];
  const runIds = new Set<string>();

  function rehearse(name: string, extra: string[] = []): HatobaChild {
    const run = spawnHatoba(['rehearse', '--config', config(name), '--keep-registry-data', '--json', ...extra]);
    started.push(run);
    return run;
  }

  /** The run id of the rehearsal whose app container runs now; undefined until then. */
  async function runningApp(seen: (last: string) => void): Promise<string | undefined> {
    const { stdout } = await docker(['ps', '--filter', `label=${REHEARSE_LABEL}`, '--format', '{{.Names}}']);
    seen(stdout.trim() === '' ? 'no rehearse container running' : stdout.trim().replace(/\n/g, ', '));
    // Other rehearsals may run on this engine: ours is the one whose app image is this fixture's repository.
    const { stdout: mine } = await docker([
      'ps',
      '--filter',
      `label=${REHEARSE_LABEL}`,
      '--filter',
      'name=-app$',
      '--format',
      `{{.Image}} {{.Label "${REHEARSE_LABEL}"}}`,
    ]);
    const line = mine.split('\n').find((entry) => entry.split(' ')[0]?.endsWith('/rehearse-multi-stage'));
    return line?.split(' ')[1] || undefined;
  }

  async function expectNothingLeft(runId: string): Promise<void> {
    expect(runId).toMatch(/^[0-9a-f]{8}$/);
    expect(await rehearseLeftovers(runId)).toEqual([]);
    expect(await labelledImages(FIXTURE_LABEL)).toEqual(imagesBefore);
  }

  beforeEach(async () => {
    imagesBefore = await labelledImages(FIXTURE_LABEL);
  });
  // A test that timed out must not leave its rehearsal running: stop the process, then remove by label.
  afterEach(async () => {
    for (const run of started.splice(0)) await run.stop();
    for (const runId of runIds) await removeRehearsal(runId);
    runIds.clear();
    // A build the test interrupted may leave its `RUN sleep 600` container to the engine.
    const { stdout } = await docker(['ps', '--all', '--quiet', '--filter', `label=${FIXTURE_LABEL}`]);
    for (const id of stdout.split('\n').filter((line) => line !== ''))
      await docker(['rm', '--force', id]).catch(() => undefined);
  });
  afterAll(() => docker(['volume', 'rm', '--force', VOLUME]));

  it('after a pass', { timeout: scaled(600_000) }, async () => {
    const { code, stdout } = await rehearse('hatoba').done;
    const report = JSON.parse(stdout) as RehearsalReport;
    runIds.add(report.runId);
    expect(report.verdict).toBe('passed');
    expect(code).toBe(0);
    await expectNothingLeft(report.runId);
  });

  it('after a failure: the app exits', { timeout: scaled(300_000) }, async () => {
    const { code, stdout } = await rehearse('exit').done;
    const report = JSON.parse(stdout) as RehearsalReport;
    runIds.add(report.runId);
    expect(report.diagnosis?.cause?.id).toBe('container-exited');
    expect(code).toBe(1);
    await expectNothingLeft(report.runId);
  });

  it('after Ctrl-C during the build', { timeout: scaled(300_000) }, async () => {
    const run = rehearse('slow');
    // The build stage has committed its first images (their ids are in the build output) and runs `sleep 600`: its
    // container inherits the stage's label. (An image committed at the very instant of Ctrl-C is not covered.)
    await waitFor(
      'the build container of `RUN sleep 600`',
      async (seen) => {
        const { stdout } = await docker([
          'ps',
          '--no-trunc',
          '--filter',
          `label=${FIXTURE_LABEL}`,
          '--format',
          '{{.Command}}',
        ]);
        seen(`running with the label: ${stdout.trim() || 'none'}; build output: ${run.stderr().slice(-200)}`);
        return stdout.includes('sleep 600') ? true : undefined;
      },
      120_000,
    );
    run.child.kill('SIGINT');
    const { code, stderr } = await run.done;
    expect(stderr).toContain('Interrupted');
    expect(code).toBe(130);
    // Nothing carries the rehearse label yet (the registry starts after the build); the build's images must go.
    expect(await labelledImages(FIXTURE_LABEL)).toEqual(imagesBefore);
  });

  it('after Ctrl-C during the health check', { timeout: scaled(300_000) }, async () => {
    const run = rehearse('hatoba');
    const runId = await waitFor('the app container', runningApp, 240_000);
    runIds.add(runId);
    run.child.kill('SIGINT');
    const { code, stderr } = await run.done;
    expect(stderr).toContain('Interrupted');
    expect(code).toBe(130);
    await expectNothingLeft(runId);
  });
});
