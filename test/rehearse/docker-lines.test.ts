import { describe, expect, it } from 'vitest';
import { Docker } from '../../src/rehearse/docker.js';

// `sh` stands in for the docker binary: `run(['-c', script])` runs the script with the wrapper's own plumbing.
const shell = new Docker({ PATH: process.env.PATH }, 'sh');

describe('Docker.run: output lines as they come', () => {
  it('hands over each line of stdout and stderr, split across chunks, `\\r` included, and still returns the whole text', async () => {
    const lines: string[] = [];
    const script = [
      "printf '#1 [internal] load'",
      'sleep 0.05',
      "printf ' build definition\\n#2 DONE 0.1s\\n'",
      "printf 'progress 10%%\\rprogress 90%%\\r' >&2",
      "printf 'no newline at the end'",
    ].join('; ');
    const output = await shell.run(['-c', script], { onLine: (text) => lines.push(text) });
    expect(lines.filter((text) => text.startsWith('#'))).toEqual([
      '#1 [internal] load build definition',
      '#2 DONE 0.1s',
    ]);
    expect(lines.filter((text) => text.startsWith('progress'))).toEqual(['progress 10%', 'progress 90%']);
    expect(lines).toContain('no newline at the end');
    expect(lines).toHaveLength(5);
    expect(output.stdout).toBe('#1 [internal] load build definition\n#2 DONE 0.1s\nno newline at the end');
  });
});
