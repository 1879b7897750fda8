import { describe, expect, it } from 'vitest';
import { lintWorkflows, readWorkflowSources } from '../../../src/github/lint/lint.js';
import { registryTarget } from '../../../src/github/lint/registry-cache.js';
import type { RegistryTarget } from '../../../src/github/lint/rule.js';
import { registryCacheImmutableTag } from '../../../src/github/lint/rules/registry-cache-immutable-tag.js';
import { testConfig } from '../../support/config.js';

const FAIL = new URL('../../fixtures/workflows/registry-cache-immutable-tag/fail/', import.meta.url).pathname;
const URI = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web';

async function finding(registry: RegistryTarget) {
  const sources = await readWorkflowSources(FAIL, FAIL);
  const findings = await lintWorkflows(sources, {
    defaultBranch: 'main',
    trust: undefined,
    registry,
    actionlint: false,
  });
  const found = findings.filter((f) => f.rule === registryCacheImmutableTag.id);
  expect(found).toHaveLength(1);
  return found[0] as NonNullable<(typeof found)[0]>;
}

describe('registry-cache-immutable-tag names where the setting comes from', () => {
  it('hatoba.yml: the repository up creates, and the hatoba.yml key to change', async () => {
    const config = testConfig();
    const f = await finding({ ...registryTarget(config), repositoryUri: URI });
    expect(f.message).toContain('but hatoba.yml makes web IMMUTABLE except for "buildcache"');
    expect(f.fix).toContain('ecr.tagMutability');
  });

  it('the live repository: its own setting, and the ECR command that changes it', async () => {
    const f = await finding({ repositoryUri: URI, immutable: true, mutableTags: [], source: 'live' });
    expect(f.message).toContain('but the live repository web is IMMUTABLE:');
    expect(f.message).not.toContain('hatoba.yml');
    expect(f.message).not.toContain('except for ""');
    expect(f.fix).toContain(
      'aws ecr put-image-tag-mutability --repository-name web --image-tag-mutability IMMUTABLE_WITH_EXCLUSION --image-tag-mutability-exclusion-filters filterType=WILDCARD,filter=cache',
    );
  });

  it('a live MUTABLE_WITH_EXCLUSION repository that keeps the tag is described as such', async () => {
    const f = await finding({
      repositoryUri: URI,
      immutable: false,
      mutableTags: [],
      immutableTags: ['ca*'],
      source: 'live',
    });
    expect(f.message).toContain('but the live repository web is MUTABLE except for "ca*":');
  });
});
