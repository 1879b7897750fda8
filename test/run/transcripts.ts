// Prints what `hatoba run` shows against the fake ECS (Region ap-northeast-1), run through the real CLI (`main`) on
// a virtual clock, as Markdown for docs/run.md. `npx tsx test/run/transcripts.ts [name …]`
import { relative } from 'node:path';
import { FakeEcs, REPOSITORY_URI, type Scenario } from '../deploy/fake-ecs/fake-ecs.js';
import { FIXTURE_CONFIG } from '../deploy/fake-ecs/harness.js';
import { runCli } from '../support/cli.js';

const MIGRATE = ['--', 'npm', 'run', 'migrate'];
const LOGS = [
  '> hello-service@1.4.0 migrate',
  '> node dist/migrate.js',
  'applying 0007_add_orders… done',
  '1 migration applied',
];
const RUNS: Record<string, { scenario: Partial<Scenario>; argv: string[] }> = {
  migrate: { scenario: { runTask: { kind: 'exit', runSeconds: 6, exitCode: 0, logs: LOGS } }, argv: MIGRATE },
  'migrate-fails': {
    scenario: {
      runTask: {
        kind: 'exit',
        runSeconds: 3,
        exitCode: 3,
        logs: ['> node dist/migrate.js', 'error: relation "orders" already exists'],
      },
    },
    argv: MIGRATE,
  },
  'never-started': {
    scenario: {
      runTask: {
        kind: 'fail-to-start',
        afterSeconds: 12,
        stoppedReason: `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${REPOSITORY_URI}:v9: not found`,
      },
    },
    argv: MIGRATE,
  },
  capacity: {
    scenario: {
      runTaskFailure: {
        reason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone',
      },
    },
    argv: ['--json', ...MIGRATE],
  },
  timeout: { scenario: { runTask: { kind: 'stuck' } }, argv: ['--timeout', '2m', ...MIGRATE] },
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(RUNS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const fake = new FakeEcs({ name, description: name, newRevision: { kind: 'healthy' }, ...run.scenario });
  try {
    const result = await runCli(['run', '--config', FIXTURE_CONFIG, ...run.argv], { clock: fake.clock });
    console.log(`<!-- ${name} -->`);
    console.log('```console');
    console.log(`$ hatoba run --config ${relative(process.cwd(), FIXTURE_CONFIG)} ${run.argv.join(' ')}`);
    process.stdout.write(result.stderr + result.stdout);
    console.log(`$ echo $?\n${result.code}`);
    console.log('```\n');
  } finally {
    fake.restore();
  }
}
