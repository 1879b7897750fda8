// From "nothing installed" to `hatoba deploy --help` answering, as a fresh GitHub runner would get there:
// (a) the bundled action: action/ copied into an empty directory (what `uses: owner/hatoba@sha` downloads), then
//     `node action/dist/index.cjs deploy --help`;
// (b) the npm package: `npm install <tarball of this checkout>` into an empty prefix, then `hatoba deploy --help`,
//     once with an empty npm cache (every dependency from the registry: network-bound) and once with that cache warm.
// Bytes are what ends up on disk. Run after `npm run build` and `npm run build:action`:
// `npx tsx bench/action-startup.ts [runs]` (runs: repetitions of the bundle's timing; the installs run once each).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const runs = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function bytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytes(join(path, name)), 0);
}

function help(bin: string[], cwd: string): void {
  const result = spawnSync(process.execPath, [...bin, 'deploy', '--help'], { cwd, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${bin.join(' ')} deploy --help exited ${result.status}`);
}

function bundle(): { ms: number; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-bench-action-'));
  try {
    const start = process.hrtime.bigint();
    cpSync(join(root, 'action'), join(dir, 'action'), { recursive: true });
    cpSync(join(root, 'action.yml'), join(dir, 'action.yml'));
    help([join(dir, 'action/dist/index.cjs')], dir);
    return { ms: ms(start), bytes: bytes(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function npmInstall(tarball: string, cache: string): { ms: number; bytes: number } {
  const prefix = mkdtempSync(join(tmpdir(), 'hatoba-bench-npm-'));
  try {
    const start = process.hrtime.bigint();
    execFileSync('npm', ['install', '--prefix', prefix, '--cache', cache, '--no-audit', '--no-fund', tarball], {
      stdio: 'ignore',
    });
    help([join(prefix, 'node_modules/hatoba/bin/hatoba.js')], prefix);
    return { ms: ms(start), bytes: bytes(join(prefix, 'node_modules')) };
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;

const packDir = mkdtempSync(join(tmpdir(), 'hatoba-bench-pack-'));
const cache = mkdtempSync(join(tmpdir(), 'hatoba-bench-cache-'));
try {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', packDir, root], { encoding: 'utf8' }),
  ) as { filename: string }[];
  const tarball = join(packDir, packed?.filename ?? '');
  const bundled = Array.from({ length: runs }, bundle);
  const cold = npmInstall(tarball, cache);
  const warm = npmInstall(tarball, cache);
  const rows = [
    ['bundled action (copy action/, node)', seconds(median(bundled.map((b) => b.ms))), mib(bundled[0]?.bytes ?? 0)],
    ['npm install tarball, empty cache', seconds(cold.ms), mib(cold.bytes)],
    ['npm install tarball, warm cache', seconds(warm.ms), mib(warm.bytes)],
  ];
  console.log('| path to `deploy --help` | time | on disk |\n| --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nbundle: ${bytes(join(root, 'action/dist/index.cjs'))} bytes; bundle time is the median of ${runs}`);
} finally {
  rmSync(packDir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
}
