import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { E2E_ENV } from '../support/docker.js';
import { scaled } from '../support/wait.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const enabled = process.env[E2E_ENV] === '1';
if (!enabled) {
  console.info(`skipped "installed package": packs, builds and installs (minutes); set ${E2E_ENV}=1 to run it`);
}

// Slow: a real build, `npm pack`, two installs from the npm cache or registry, a CDK synth in a scratch app.
describe.skipIf(!enabled)('installed package', () => {
  it(
    'installs from its tarball, runs --version and init, and hatoba/cdk synthesizes in another app',
    () => {
      const result = spawnSync('bash', ['scripts/package-smoke.sh'], { cwd: root, encoding: 'utf8' });
      expect(result.stderr).not.toMatch(/package-smoke:/);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`hatoba --version: ${version}`);
      expect(result.stdout).toMatch(/hatoba init: # yaml-language-server: \$schema=\S+hatoba\.schema\.json/);
      expect(result.stdout).toMatch(/synthesized ShopWeb: \d+ resources, .*AWS::ECS::Service/);
    },
    scaled(900_000),
  );
});
