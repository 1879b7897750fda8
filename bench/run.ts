// `npm run bench`: every benchmark in this folder, one after another, with their default repetitions. help and synth
// time the built CLI (run `npm run build` first); image and rehearse need a Docker Engine and the registry:2 image
// (`sudo bash scripts/ci-setup.sh`) and are skipped with the reason when no daemon answers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dockerAvailable } from '../test/support/docker.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const OFFLINE = ['help.ts', 'synth.ts', 'deploy-verdict.ts'];
const DOCKER = ['image.ts', 'rehearse.ts'];

if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const docker = await dockerAvailable();
const benches = [...OFFLINE, ...(docker ? DOCKER : [])];
if (!docker) console.info(`bench: skipping ${DOCKER.join(', ')}: no Docker daemon answers (see docs/containers.md)`);

let failed = 0;
for (const bench of benches) {
  console.info(`\n== bench/${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${bench}`], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
