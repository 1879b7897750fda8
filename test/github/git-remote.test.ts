import { describe, expect, it } from 'vitest';
import { detectDefaultBranch, repositoryFromRemote } from '../../src/github/git-remote.js';

describe('repositoryFromRemote', () => {
  it.each([
    ['https://github.com/octo-org/hello-service.git', 'octo-org/hello-service'],
    ['https://github.com/octo-org/hello-service', 'octo-org/hello-service'],
    ['https://user@github.com/octo-org/hello.service.git\n', 'octo-org/hello.service'],
    ['git@github.com:octo-org/hello-service.git', 'octo-org/hello-service'],
    ['ssh://git@github.com/octo-org/hello-service.git', 'octo-org/hello-service'],
    ['ssh://git@ssh.github.com:443/octo-org/hello-service.git', 'octo-org/hello-service'],
    ['https://gitlab.com/octo-org/hello-service.git', undefined],
    ['git@github.example.com:octo-org/x.git', undefined],
    ['/srv/git/x.git', undefined],
  ])('%s → %s', (url, expected) => {
    expect(repositoryFromRemote(url)).toBe(expected);
  });
});

describe('detectDefaultBranch', () => {
  it("prefers origin's HEAD, then the checked-out branch", async () => {
    const calls: string[] = [];
    const remote = await detectDefaultBranch('/', async (_, args) => {
      calls.push(args.join(' '));
      return 'refs/remotes/origin/trunk\n';
    });
    expect(remote).toBe('trunk');
    expect(calls).toEqual(['symbolic-ref --quiet refs/remotes/origin/HEAD']);
    const local = await detectDefaultBranch('/', async (_, args) => {
      if (args.includes('refs/remotes/origin/HEAD')) throw new Error('not a symbolic ref');
      return 'develop\n';
    });
    expect(local).toBe('develop');
  });
});
