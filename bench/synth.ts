// Wall time of `hatoba synth` on the example service, from a fresh process each run (that is what a user waits
// for: Node start, loading aws-cdk-lib, building and synthesizing both stacks, writing four files), plus the
// in-process cost of each phase and of the CloudFormation schema validation the CLI leaves off.
// Run after `npm run build`: `npx tsx bench/synth.ts [runs]`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const runs = Number(process.argv[2] ?? 10);
const bin = fileURLToPath(new URL('../bin/hatoba.js', import.meta.url));
const example = fileURLToPath(new URL('../examples/hello-service/hatoba.yml', import.meta.url));

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const out = await mkdtemp(join(tmpdir(), 'hatoba-bench-synth-'));
try {
  const cli: number[] = [];
  let report: { stacks: { stackName: string; bytes: number; resources: Record<string, number> }[] } | undefined;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [bin, 'synth', '--config', example, '--out', out, '--json'], {
      encoding: 'utf8',
    });
    cli.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0) throw new Error(`hatoba synth exited ${result.status}: ${result.stderr}`);
    report = JSON.parse(result.stdout);
  }

  // Phases, in this process: the first synthesis pays for loading aws-cdk-lib's modules, the later ones do not.
  const phase = async <T>(run: () => Promise<T> | T): Promise<[T, number]> => {
    const start = performance.now();
    const value = await run();
    return [value, performance.now() - start];
  };
  const [{ loadConfig }, importMs] = await phase(() => import('../src/config/load.js'));
  const [{ synthesize }, importCdkMs] = await phase(async () => {
    const module = await import('../src/infra/synth.js');
    await import('aws-cdk-lib');
    return module;
  });
  const { config } = await loadConfig({ configPath: example, cwd: process.cwd(), env: {} });
  const [, firstMs] = await phase(() => synthesize(config));
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push((await phase(() => synthesize(config)))[1]);
  const [, validatedMs] = await phase(() => synthesize(config, { schemaValidation: true }));
  const [, validatedAgainMs] = await phase(() => synthesize(config, { schemaValidation: true }));

  console.log(
    `hatoba synth (fresh process)   median ${seconds(median(cli))} over ${runs} runs (min ${seconds(Math.min(...cli))}, max ${seconds(Math.max(...cli))})`,
  );
  console.log(`  import config modules        ${seconds(importMs)}`);
  console.log(`  import aws-cdk-lib           ${seconds(importCdkMs)}`);
  console.log(`  first synthesis              ${seconds(firstMs)}`);
  console.log(`  later synthesis              median ${seconds(median(warm))}`);
  console.log(`  with schema validation       ${seconds(validatedMs)} first, ${seconds(validatedAgainMs)} after`);
  for (const stack of report?.stacks ?? []) {
    const count = Object.values(stack.resources).reduce((sum, n) => sum + n, 0);
    console.log(`  ${stack.stackName.padEnd(28)} ${count} resources, ${stack.bytes} bytes (TemplateBody limit 51200)`);
  }
} finally {
  await rm(out, { recursive: true, force: true });
}
