// `hatoba rehearse` wall time on examples/hello-service: cold (every layer rebuilt: --no-cache) and warm (build cache
// from the previous run), each into a fresh registry; then, with the registry storage kept between runs as ECR keeps
// earlier images (--keep-registry-data), the bytes pushed after a one-line source change. Runs the built CLI on a
// copy of the example, so the repository is never edited. Times are medians of `runs` repetitions (default 3).
// Needs a Docker Engine and the registry:2 image (`sudo bash scripts/ci-setup.sh`) and `npm run build`.
// Run: `npx tsx bench/rehearse.ts [runs]`.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registryVolume } from '../src/rehearse/pipeline.js';
import type { RehearsalReport, StepName } from '../src/rehearse/report.js';
import { docker } from '../test/support/docker-cli.js';
import { HELLO_SERVICE_DIR } from '../test/support/example.js';
import { median } from './stats.js';

const runs = Number(process.argv[2] ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin/hatoba.js');

/** The one-line change: a response text, as a typical commit would touch; run `n` writes a different text. */
const EDIT = { file: 'src/routes.ts', from: "error: 'not found'", to: (n: number) => `error: 'no such route (${n})'` };

interface Run {
  readonly wallSeconds: number;
  readonly report: RehearsalReport;
}

/** Runs the built CLI as a user would, and times it from spawn to exit. */
function rehearse(config: string, flags: string[]): Promise<Run> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'rehearse', '--config', config, '--json', ...flags],
      { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (stdout.trim() === '') return reject(new Error(`rehearse printed nothing: ${stderr || error?.message}`));
        const report = JSON.parse(stdout) as RehearsalReport;
        if (report.verdict !== 'passed')
          return reject(new Error(`rehearse failed: ${JSON.stringify(report.diagnosis)}`));
        resolve({ wallSeconds, report });
      },
    );
  });
}

function stepSeconds(run: Run, name: StepName): number {
  return run.report.steps.find((step) => step.name === name)?.seconds ?? Number.NaN;
}

function pushDetails(run: Run): { bytesPushed: number; imageBytes: number; layersPushed: number; layersTotal: number } {
  return run.report.steps.find((step) => step.name === 'push')?.details as never;
}

const seconds = (value: number) => `${value.toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kilobytes = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-bench-rehearse-'));
  const app = join(dir, 'hello-service');
  cpSync(HELLO_SERVICE_DIR, app, { recursive: true, filter: (path) => !/node_modules|dist$/.test(path) });
  const config = join(app, 'hatoba.yml');
  const volume = registryVolume('hello-service');
  const cold: Run[] = [];
  const warm: Run[] = [];
  const changed: Run[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      cold.push(await rehearse(config, ['--no-cache']));
      warm.push(await rehearse(config, []));
      // Kept registry: the first push fills it (as earlier deploys filled ECR), the second follows a one-line edit.
      await docker(['volume', 'rm', '--force', volume]);
      await rehearse(config, ['--keep-registry-data']);
      const source = join(app, EDIT.file);
      const text = readFileSync(source, 'utf8');
      const edited = text.replace(/error: '[^']*'/, EDIT.to(i));
      if (edited === text) throw new Error(`${EDIT.file} no longer contains ${EDIT.from}`);
      writeFileSync(source, edited);
      changed.push(await rehearse(config, ['--keep-registry-data']));
    }
  } finally {
    await docker(['volume', 'rm', '--force', volume]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }

  const cpu = cpus();
  console.log(`${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; ${runs} runs; medians`);
  console.log(`Docker Engine ${(await docker(['version', '--format', '{{.Server.Version}}'])).stdout.trim()}\n`);
  console.log('| run | wall time | build | push (incl. registry start, pull back) | health check | bytes pushed |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const row = (name: string, set: Run[]) => {
    const pushed = median(set.map((run) => pushDetails(run).bytesPushed));
    const total = median(set.map((run) => pushDetails(run).imageBytes));
    const bytes = pushed < 1e6 ? kilobytes(pushed) : megabytes(pushed);
    console.log(
      `| ${name} | ${seconds(median(set.map((run) => run.wallSeconds)))} | ` +
        `${seconds(median(set.map((run) => stepSeconds(run, 'build'))))} | ` +
        `${seconds(median(set.map((run) => stepSeconds(run, 'push'))))} | ` +
        `${seconds(median(set.map((run) => stepSeconds(run, 'health'))))} | ${bytes} of ${megabytes(total)} |`,
    );
  };
  row('cold (`--no-cache`, empty registry)', cold);
  row('warm (build cache, empty registry)', warm);
  row('one-line change (build cache, `--keep-registry-data`)', changed);
  const layers = changed.map((run) => `${pushDetails(run).layersPushed}/${pushDetails(run).layersTotal}`);
  console.log(`\nLayers uploaded after the one-line change: ${layers.join(', ')} (per run)`);
}

await main();
