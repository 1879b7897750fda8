// Prints what `hatoba logs` shows against the fake ECS service and fake CloudWatch Logs (test/logs/world.ts), run
// through the real CLI (`main`) on a virtual clock, as Markdown for docs/logs.md.
// `npx tsx test/logs/transcripts.ts`
import { relative } from 'node:path';
import { FIXTURE_CONFIG } from '../deploy/fake-ecs/harness.js';
import { logsWorld } from './world.js';

export const TRANSCRIPTS: readonly (readonly string[])[] = [
  ['logs'],
  ['logs', '--task', '0003a1b2', '--filter', 'error', '--json'],
  ['logs', '--since', '30m', '--limit', '2'],
];

/** One transcript block, exactly as docs/logs.md shows it. */
export async function transcript(argv: readonly string[]): Promise<string> {
  const result = await logsWorld().run(argv);
  const shown = argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ');
  return [
    '```console',
    `$ hatoba ${shown}   # --config ${relative(process.cwd(), FIXTURE_CONFIG)}`,
    `${result.stderr}${result.stdout}$ echo $?`,
    String(result.code),
    '```',
  ].join('\n');
}

if (process.argv[1]?.endsWith('transcripts.ts')) {
  for (const argv of TRANSCRIPTS) console.log(`${await transcript(argv)}\n`);
}
