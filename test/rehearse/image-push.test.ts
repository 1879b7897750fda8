import { describe, expect, it } from 'vitest';
import { Docker, type DockerCallOptions, type DockerOutput } from '../../src/rehearse/docker.js';
import { type ImageManifest, parsePushOutput, pushImage, uploadedBytes } from '../../src/rehearse/image-push.js';
import type { LocalRegistry } from '../../src/rehearse/registry.js';

// Captured from `docker push` (Engine 20.10) of an image whose base layer the registry already had.
const PUSH_OUTPUT = `The push refers to repository [127.0.0.1:32770/pt]
f24aa2e3e55e: Preparing
efa5b7cee516: Preparing
efa5b7cee516: Layer already exists
f24aa2e3e55e: Pushed
2: digest: sha256:fbe13904f22cbd44f9f601a55e7171ab059a815d5b98f91366c1bc0edc951bd0 size: 736
`;

const DIFF_IDS = [
  'sha256:efa5b7cee516a3c9594bae84fbb60f03c1084a7b3821dac89ac50a7a4fb52077',
  'sha256:f24aa2e3e55e0e8f1e10a4c1c37b9d0c3a93d6c4ac4eb8b0c50c1a3f1e2d4c5b',
];

const MANIFEST: ImageManifest = {
  config: { digest: 'sha256:8be07a21e42f02b73391895edfadb9ea74cc4330a3b88626ee486851d3e98f9c', size: 1685 },
  layers: [
    { digest: 'sha256:809c2f27d6c9d80f842076f347ece2d6ac731066b8a254f19063c5d14200b36a', size: 31_138_695 },
    { digest: 'sha256:64c98342b832d8c98443225b3b9bf8def3991dc3afc36767bb285422e28611ae', size: 113 },
  ],
};

describe('parsePushOutput', () => {
  it('reads the digest and the final status of every layer', () => {
    const output = parsePushOutput(PUSH_OUTPUT);
    expect(output.digest).toBe('sha256:fbe13904f22cbd44f9f601a55e7171ab059a815d5b98f91366c1bc0edc951bd0');
    expect([...output.layers]).toEqual([
      ['efa5b7cee516', 'exists'],
      ['f24aa2e3e55e', 'pushed'],
    ]);
  });

  it('knows layers mounted from another repository were not uploaded', () => {
    const output = parsePushOutput(
      `abcdefabcdef: Mounted from other/repo\nlatest: digest: sha256:${'a'.repeat(64)} size: 1`,
    );
    expect(output.layers.get('abcdefabcdef')).toBe('mounted');
  });

  it('fails when docker printed no digest', () => {
    expect(() => parsePushOutput('The push refers to repository [x]\nerror')).toThrow(/printed no digest/);
  });
});

describe('uploadedBytes', () => {
  const statuses = parsePushOutput(PUSH_OUTPUT).layers;

  it('counts the compressed size of the layers pushed now, plus a new config blob', () => {
    expect(uploadedBytes(MANIFEST, DIFF_IDS, statuses, false)).toEqual({
      pushed: 1685 + 113,
      total: 1685 + 31_138_695 + 113,
      layersPushed: 1,
    });
  });

  it('leaves out a config blob the registry already had', () => {
    expect(uploadedBytes(MANIFEST, DIFF_IDS, statuses, true).pushed).toBe(113);
  });

  it('counts everything on a first push', () => {
    const first = new Map([
      ['efa5b7cee516', 'pushed' as const],
      ['f24aa2e3e55e', 'pushed' as const],
    ]);
    expect(uploadedBytes(MANIFEST, DIFF_IDS, first, false)).toEqual({
      pushed: 1685 + 31_138_695 + 113,
      total: 1685 + 31_138_695 + 113,
      layersPushed: 2,
    });
  });

  it('matches layers by compressed digest when the engine names them that way', () => {
    const byDigest = new Map([['64c98342b832', 'pushed' as const]]);
    expect(uploadedBytes(MANIFEST, [], byDigest, true)).toMatchObject({ pushed: 113, layersPushed: 1 });
  });
});

describe('pushImage: layers done as the push goes', () => {
  it('counts each layer once, when its upload ends, out of the image’s layers', async () => {
    const counts: string[] = [];
    class PushingDocker extends Docker {
      override async run(args: readonly string[], options: DockerCallOptions = {}): Promise<DockerOutput> {
        if (args[0] !== 'push') return { stdout: '', stderr: '' };
        // Engines repeat a final status when a push is retried; the count must not.
        for (const text of [...PUSH_OUTPUT.split('\n'), 'f24aa2e3e55e: Pushed']) options.onLine?.(text);
        return { stdout: PUSH_OUTPUT, stderr: '' };
      }
    }
    const registry: LocalRegistry = {
      host: '127.0.0.1:5000',
      dockerConfig: '/nonexistent',
      api: async (path) =>
        path.includes('/manifests/') ? Response.json(MANIFEST) : new Response(null, { status: 404 }),
    };
    const image = { tag: 'app:latest', id: MANIFEST.config.digest, sizeBytes: 1, layers: DIFF_IDS, output: '' };
    const result = await pushImage(
      new PushingDocker({}),
      registry,
      image,
      { repository: 'pt', tag: 'v1' },
      undefined,
      (done, total) => counts.push(`${done}/${total}`),
    );
    expect(counts).toEqual(['1/2', '2/2']);
    expect(result.layersPushed).toBe(1);
  });
});
