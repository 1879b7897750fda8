import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { lintRepository } from '../../../src/github/lint/lint-repository.js';
import { generateWorkflows } from '../../../src/github/workflow/generate.js';
import { trustPolicy } from '../../../src/iam/trust.js';

const CONFIG = `app: shop
github:
  repository: octo-org/shop
  branches: [main]
aws:
  account: '111111111111'
  region: ap-northeast-1
environments:
  staging:
  production:
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hatoba-lint-env-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const loaded = parseConfigText(CONFIG, { cwd: '/', env: {}, path: '/hatoba.yml', environment: { any: true } });

async function lint(trustPolicyFile?: string) {
  const [workflow] = generateWorkflows(loaded.config, { hatobaVersion: '1.2.3', environments: loaded.environments });
  await mkdir(join(dir, '.github/workflows'), { recursive: true });
  await writeFile(join(dir, '.github/workflows/deploy.yml'), workflow?.content ?? '');
  return lintRepository({
    dir,
    cwd: dir,
    config: async () => loaded,
    trustPolicyFile,
    actionlint: false,
  });
}

describe('lintRepository with environments', () => {
  it('checks each job against its own role, all generated from hatoba.yml, and says so', async () => {
    const result = await lint();
    expect(result.findings).toEqual([]);
    expect(result.target?.source).toBe(
      "the push role's and each environment's deploy role trust policies generated from hatoba.yml",
    );
  });

  it('checks every job against --trust-policy when one is given (here: staging’s deploy role)', async () => {
    const staging = loaded.environments[0];
    if (staging === undefined) throw new Error('no staging');
    await writeFile(join(dir, 'trust.json'), JSON.stringify(trustPolicy(staging).document));
    const result = await lint('trust.json');
    const denied = result.findings.filter((f) => f.rule === 'trust-subject-mismatch').map((f) => f.message);
    // The build job (a branch subject) and production's job (its own environment) are not staging's.
    expect(denied).toEqual([
      expect.stringContaining('→ sub "repo:octo-org/shop:ref:refs/heads/main", which trust.json does not trust'),
      expect.stringContaining('→ sub "repo:octo-org/shop:environment:production", which trust.json does not trust'),
    ]);
    expect(result.findings.filter((f) => f.rule.startsWith('environment-'))).toEqual([]);
  });
});
