// Prints what `hatoba deploy|rollback|status` show for each fake-ECS scenario, run through the real CLI (`main`) on a
// virtual clock, as Markdown for docs/deploy.md, docs/rollback.md, docs/status.md and docs/ja/deploy.md.
// `npx tsx test/deploy/fake-ecs/transcripts.ts [scenario …]`
import { relative } from 'node:path';
import { FIXTURE_CONFIG, runScenario, SCALED_CONFIG } from './harness.js';
import { NEW_IMAGE, SCENARIOS, type ScenarioName } from './scenarios.js';

const SHORT_IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello-service@sha256:7c7c…7c7c';
// Scenarios for the HTTP stand-in (real time) or for `status` only.
const NOT_DEPLOY_TRANSCRIPTS: readonly ScenarioName[] = ['throttled', 'stalled', 'large-service'];
const RUNS: Record<string, { scenario: ScenarioName; argv: string[]; env?: Record<string, string>; config?: string }> =
  {
    ...Object.fromEntries(
      (Object.keys(SCENARIOS) as ScenarioName[])
        .filter((name) => !NOT_DEPLOY_TRANSCRIPTS.includes(name))
        .map((name) => [
          name,
          {
            scenario: name,
            argv: ['deploy', '--image', NEW_IMAGE, ...(name === 'timeout' ? ['--timeout', '3m'] : [])],
          },
        ]),
    ),
    'crash-loop-json': { scenario: 'crash-loop', argv: ['deploy', '--image', NEW_IMAGE, '--json'] },
    'crash-loop-github': {
      scenario: 'crash-loop',
      argv: ['deploy', '--image', NEW_IMAGE],
      env: { GITHUB_ACTIONS: 'true' },
    },
    // The same runs with the messages in Japanese, for docs/ja/deploy.md.
    'healthy-ja': { scenario: 'healthy', argv: ['deploy', '--image', NEW_IMAGE, '--lang', 'ja'] },
    'crash-loop-ja': { scenario: 'crash-loop', argv: ['deploy', '--image', NEW_IMAGE, '--lang', 'ja'] },
    rollback: { scenario: 'healthy', argv: ['rollback'] },
    'rollback-to': { scenario: 'healthy', argv: ['rollback', '--to', '3', '--json'] },
    status: { scenario: 'healthy', argv: ['status'] },
    'status-json': { scenario: 'healthy', argv: ['status', '--json'] },
    'status-scaled': { scenario: 'scaled', argv: ['status', '--events', '3'], config: SCALED_CONFIG },
  };

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(RUNS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const config = run.config ?? FIXTURE_CONFIG;
  const result = await runScenario(run.scenario, run.argv, run.env ?? {}, { config });
  const shown = run.argv.map((a) => (a === NEW_IMAGE ? SHORT_IMAGE : a)).join(' ');
  const shorten = (text: string) => text.replaceAll(NEW_IMAGE, SHORT_IMAGE);
  console.log(`<!-- ${name}: ${SCENARIOS[run.scenario].description} -->`);
  console.log('```console');
  console.log(`$ hatoba ${shown}   # --config ${relative(process.cwd(), config)}`);
  process.stdout.write(shorten(result.stderr) + shorten(result.stdout));
  console.log(`$ echo $?\n${result.code}`);
  console.log('```\n');
}
