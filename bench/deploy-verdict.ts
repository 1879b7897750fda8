// How long after the first stopped task of a bad deploy does the CI job know? hatoba's watcher against the AWS SDK
// `services-stable` waiter (the one aws-actions/amazon-ecs-deploy-task-definition and `aws ecs wait` use), on the
// same fake-ECS scenarios and virtual clock. The waiter is the real @aws-sdk/client-ecs code: its timers and Date.now
// are pointed at the virtual clock, its jitter at a seeded random source. `npx tsx bench/deploy-verdict.ts [seeds]`
import {
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import { FakeEcs, taskDefinitionArn } from '../test/deploy/fake-ecs/fake-ecs.js';
import { runScenario } from '../test/deploy/fake-ecs/harness.js';
import { NEW_IMAGE, SCENARIOS, type ScenarioName } from '../test/deploy/fake-ecs/scenarios.js';
import { median } from './stats.js';

const seeds = Number(process.argv[2] ?? 25);
const BENCHED: readonly ScenarioName[] = [
  'healthy',
  'crash-loop',
  'image-pull-error',
  'wrong-architecture',
  'failing-health-check',
  'out-of-memory',
  'secret-denied',
  'circuit-breaker-rollback',
];
// The official action passes minDelay 15 and leaves maxDelay to the SDK: 120 s in the SDK versions its users report
// (and what its README documents), 600 s in the @aws-sdk/client-ecs installed here (serviceDefaults).
const WAITERS = [
  { label: 'waiter 10 min, maxDelay 120 s', maxWaitTime: 600, maxDelay: 120 },
  { label: 'waiter 30 min, maxDelay 120 s', maxWaitTime: 1800, maxDelay: 120 },
  { label: 'waiter 30 min, SDK default maxDelay (600 s)', maxWaitTime: 1800, maxDelay: undefined },
] as const;

interface Row {
  readonly scenario: ScenarioName;
  readonly firstStop: number | undefined;
  readonly hatoba: { outcome: string; at: number; calls: number };
  readonly waiters: { label: string; median: number; min: number; max: number; state: string; calls: number }[];
}

/** mulberry32: a small seeded PRNG, so the waiter's jitter is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the SDK waiter once on a fresh fake service; returns seconds since UpdateService when it returned. */
async function runWaiter(
  scenario: ScenarioName,
  waiter: (typeof WAITERS)[number],
  seed: number,
): Promise<{ at: number; state: string; calls: number; firstStop: number | undefined }> {
  const fake = new FakeEcs(SCENARIOS[scenario]);
  const realTimeout = globalThis.setTimeout;
  const realNow = Date.now;
  const realRandom = Math.random;
  try {
    const ecs = new ECSClient({ region: 'eu-west-1' });
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'hello-service',
        containerDefinitions: [{ name: 'app', image: NEW_IMAGE }],
      }),
    );
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'hello-service',
        service: 'hello-service',
        taskDefinition: taskDefinitionArn(7),
      }),
    );
    const describesBefore = fake.callCount('DescribeServices');
    // Virtual time for the waiter: a timer fires at once after moving the clock forward.
    Date.now = () => fake.clock.now();
    Math.random = seeded(seed);
    globalThis.setTimeout = ((callback: () => void, ms?: number) => {
      fake.clock.advance(ms ?? 0);
      return realTimeout(callback, 0);
    }) as typeof setTimeout;
    const result = await waitUntilServicesStable(
      {
        client: ecs,
        maxWaitTime: waiter.maxWaitTime,
        minDelay: 15,
        ...(waiter.maxDelay ? { maxDelay: waiter.maxDelay } : {}),
      },
      { cluster: 'hello-service', services: ['hello-service'] },
    ).then(
      (r) => r.state as string,
      (error: Error) => (error.name === 'TimeoutError' ? 'TIMEOUT' : `ERROR ${error.message}`),
    );
    return {
      at: fake.secondsSinceUpdate(),
      state: result,
      calls: fake.callCount('DescribeServices') - describesBefore,
      firstStop: fake.firstStoppedTaskAt(),
    };
  } finally {
    globalThis.setTimeout = realTimeout;
    Date.now = realNow;
    Math.random = realRandom;
    fake.restore();
  }
}

function stats(values: number[]) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const rows: Row[] = [];
for (const scenario of BENCHED) {
  const run = await runScenario(scenario, ['deploy', '--image', NEW_IMAGE, '--json']);
  const report = JSON.parse(run.stdout) as { outcome: string; durationSeconds: number };
  const hatobaCalls = run.fake.calls.filter((c) => c.at >= 0).length;
  const waiters: Row['waiters'] = [];
  for (const waiter of WAITERS) {
    const runs = [];
    for (let seed = 1; seed <= seeds; seed++) runs.push(await runWaiter(scenario, waiter, seed));
    waiters.push({
      label: waiter.label,
      ...stats(runs.map((r) => r.at)),
      state: [...new Set(runs.map((r) => r.state))].join('/'),
      calls: median(runs.map((r) => r.calls)),
    });
  }
  rows.push({
    scenario,
    firstStop: run.fake.firstStoppedTaskAt(),
    hatoba: { outcome: report.outcome, at: report.durationSeconds, calls: hatobaCalls },
    waiters,
  });
}

const fmt = (seconds: number) =>
  seconds >= 60
    ? `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`
    : `${Math.round(seconds)}s`;
const since = (at: number, firstStop: number | undefined) =>
  firstStop === undefined ? fmt(at) : `+${fmt(at - firstStop)}`;

console.log(`Seconds are virtual. "+x" = time from the first stopped task of the new revision to the verdict;`);
console.log(
  `for the healthy roll-out, time from UpdateService to the verdict. Waiter: median (min–max) over ${seeds} seeds.\n`,
);
console.log(`| scenario | first stopped task | hatoba | ${WAITERS.map((w) => w.label).join(' | ')} |`);
console.log(`| --- | --- | --- | ${WAITERS.map(() => '---').join(' | ')} |`);
for (const row of rows) {
  const hatoba = `${since(row.hatoba.at, row.firstStop)} → ${row.hatoba.outcome}`;
  const waiters = row.waiters.map(
    (w) =>
      `${since(w.median, row.firstStop)} (${since(w.min, row.firstStop)}–${since(w.max, row.firstStop)}) → ${w.state}`,
  );
  console.log(
    `| ${row.scenario} | ${row.firstStop === undefined ? '—' : `${row.firstStop}s`} | ${hatoba} | ${waiters.join(' | ')} |`,
  );
}
console.log(
  '\nAPI calls until the verdict (hatoba: all ECS/ELB/Logs calls after UpdateService; waiter: DescribeServices, median):\n',
);
console.log(`| scenario | hatoba | ${WAITERS.map((w) => w.label).join(' | ')} |`);
console.log(`| --- | --- | ${WAITERS.map(() => '---').join(' | ')} |`);
for (const row of rows) {
  console.log(`| ${row.scenario} | ${row.hatoba.calls} | ${row.waiters.map((w) => w.calls).join(' | ')} |`);
}
