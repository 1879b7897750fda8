import { describe, expect, it } from 'vitest';
import { guardAllows } from '../../../src/github/lint/guard.js';

const push = (ref: string) => ({ event_name: 'push', ref });
const dispatch = (ref: string) => ({ event_name: 'workflow_dispatch', ref });
const GENERATED = "github.event_name != 'workflow_dispatch' || github.ref == 'refs/heads/main'";

describe('guardAllows', () => {
  it.each([
    [undefined, push('refs/heads/x'), true],
    [GENERATED, push('refs/heads/feature'), true],
    [GENERATED, dispatch('refs/heads/main'), true],
    [GENERATED, dispatch('refs/heads/feature'), false],
    ["github.ref == 'REFS/HEADS/MAIN'", push('refs/heads/main'), true],
    ["startsWith(github.ref, 'refs/tags/v')", push('refs/tags/v1.2'), true],
    ["startsWith(github.ref, 'refs/tags/v')", push('refs/heads/v1'), false],
    ["github.ref_type == 'tag' && endsWith(github.ref, '-final')", push('refs/tags/r-final'), true],
    ["!(github.ref_name == 'main')", push('refs/heads/main'), false],
    ["  github.ref  ==  'refs/heads/main'  ", push('refs/heads/dev'), false],
    ["contains(github.ref, 'release')", push('refs/heads/release/1'), true],
    ["github.actor == 'octocat'", push('refs/heads/main'), undefined],
    ["github.actor == 'octocat' || github.ref == 'refs/heads/main'", push('refs/heads/main'), true],
    ["github.actor == 'octocat' && github.ref == 'refs/heads/main'", push('refs/heads/dev'), false],
    ['success()', push('refs/heads/main'), undefined],
    ["fromJSON('[1]')[0] == 1", push('refs/heads/main'), undefined],
    ['github.ref == ', push('refs/heads/main'), undefined],
    ['false', push('refs/heads/main'), false],
  ])('%s on %o → %s', (condition, facts, expected) => {
    expect(guardAllows(condition, facts)).toBe(expected);
  });
});
