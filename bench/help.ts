// Median wall time of `hatoba --help` from a fresh process (the target is well under 300 ms): proves that printing
// help never loads aws-cdk-lib or the AWS SDK. Run after `npm run build`: `npx tsx bench/help.ts [runs]`.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const runs = Number(process.argv[2] ?? 20);
const bin = fileURLToPath(new URL('../bin/hatoba.js', import.meta.url));

function time(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`hatoba ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const baseline = Array.from({ length: runs }, () => {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - start) / 1e6;
});
const help = Array.from({ length: runs }, () => time(['--help']));
const version = Array.from({ length: runs }, () => time(['--version']));

console.log(`node -e 0          median ${median(baseline).toFixed(0)} ms (process start, for reference)`);
console.log(`hatoba --help      median ${median(help).toFixed(0)} ms over ${runs} runs`);
console.log(`hatoba --version   median ${median(version).toFixed(0)} ms over ${runs} runs`);
