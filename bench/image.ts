// Image build benchmark: examples/hello-service's multi-stage Dockerfile against a naive single-stage one on the same
// base, in one run. For each: image size, cold build (pruned builder, --no-cache), then a one-line source change
// rebuilt with the cache and pushed to a local registry:2, with the layers that changed and their bytes. Times are
// medians over `runs` repetitions (default 3), since the machine may be busy with other work.
// Needs a Docker daemon and the registry:2 image (`sudo bash scripts/ci-setup.sh`). Run: `npx tsx bench/image.ts [runs]`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { docker } from '../test/support/docker-cli.js';
import { exampleBaseImage, HELLO_SERVICE_DIR } from '../test/support/example.js';
import { median } from './stats.js';

/** What people write first: everything copied before the install, dev dependencies and sources in the image. */
const NAIVE_DOCKERFILE = `FROM ${exampleBaseImage()}
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
EXPOSE 8080
CMD ["npm", "start"]
`;

const runs = Number(process.argv[2] ?? 3);
/** On every image this run builds, so that cleaning up never touches another build's images. */
const BENCH_LABEL = `io.hatoba.bench=${process.pid}`;

/** The one-line change: a response text, as a typical commit would touch; run `n` writes a different text. */
const EDIT = { file: 'src/routes.ts', from: "error: 'not found'", to: (n: number) => `error: 'no such route (${n})'` };

interface Layer {
  readonly digest: string;
  /** Compressed, as pushed and pulled. */
  readonly size: number;
}
interface Manifest {
  readonly config: Layer;
  readonly layers: readonly Layer[];
}
interface ImageConfig {
  readonly history: readonly { created_by?: string; empty_layer?: boolean }[];
}

interface ChangedLayer {
  readonly step: string;
  readonly compressed: number;
  readonly uncompressed: number;
}

interface Result {
  readonly variant: string;
  readonly sizeBytes: number;
  readonly baseBytes: number;
  readonly compressedBytes: number;
  readonly layerCount: number;
  readonly coldBuildMs: number;
  readonly rebuildMs: number;
  readonly rebuildPushMs: number;
  readonly changed: readonly ChangedLayer[];
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median of `runs` timings of `run(i)`, run one after the other. */
async function medianOf(run: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(() => run(i)));
  return median(times);
}

async function imageSize(image: string): Promise<number> {
  return Number((await docker(['image', 'inspect', '--format', '{{.Size}}', image])).stdout);
}

async function registryJson<T>(registry: string, path: string, accept: string): Promise<T> {
  const res = await fetch(`http://${registry}/v2/${path}`, { headers: { accept } });
  if (!res.ok) throw new Error(`GET /v2/${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

const MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const manifest = (registry: string, repo: string, tag: string) =>
  registryJson<Manifest>(registry, `${repo}/manifests/${tag}`, MANIFEST);

/** The Dockerfile step behind each layer, with its uncompressed size, in layer order. */
async function layerSteps(
  registry: string,
  repo: string,
  image: string,
  m: Manifest,
): Promise<{ step: string; uncompressed: number }[]> {
  const config = await registryJson<ImageConfig>(registry, `${repo}/blobs/${m.config.digest}`, '*/*');
  // `docker history` lists the same steps as the config, newest first, with uncompressed sizes.
  const { stdout } = await docker(['history', '--no-trunc', '--human=false', '--format', '{{.Size}}', image]);
  const sizes = stdout.trim().split('\n').map(Number).reverse();
  return config.history
    .map((entry, index) => ({ entry, uncompressed: sizes[index] ?? 0 }))
    .filter(({ entry }) => !entry.empty_layer)
    .map(({ entry, uncompressed }) => ({
      step: (entry.created_by ?? '')
        .replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '')
        // Legacy builder: `COPY dir:<sha256> in /app/dist` -> `COPY /app/dist`.
        .replace(/\b(?:file|dir):[0-9a-f]{64} in /, '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 60),
      uncompressed,
    }));
}

function copyTrackedFiles(target: string): void {
  const files = execFileSync('git', ['ls-files', '.'], { cwd: HELLO_SERVICE_DIR, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(HELLO_SERVICE_DIR, file), join(target, file));
  }
}

async function measure(registry: string, variant: string, naive: boolean): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-bench-'));
  const repo = `bench-${naive ? 'naive' : 'multi-stage'}-${process.pid}`;
  const image = (tag: string) => `${registry}/${repo}:${tag}`;
  try {
    copyTrackedFiles(dir);
    if (naive) {
      writeFileSync(join(dir, 'Dockerfile'), NAIVE_DOCKERFILE);
      rmSync(join(dir, '.dockerignore'));
    }
    // Removing the previous build's tag first also removes its now unused layers, so repetitions leave nothing behind.
    const untag = (tag: string) => docker(['rmi', '--force', image(tag)]).catch(() => undefined);
    const coldBuildMs = await medianOf(async () => {
      await untag('1');
      await docker(['builder', 'prune', '--all', '--force']);
      await docker(['build', '--no-cache', '--label', BENCH_LABEL, '--tag', image('1'), dir]);
    });
    await docker(['push', image('1')]);

    const source = readFileSync(join(dir, EDIT.file), 'utf8');
    if (!source.includes(EDIT.from)) throw new Error(`${EDIT.file} no longer contains ${EDIT.from}`);
    const rebuildMs = await medianOf(async (i) => {
      writeFileSync(join(dir, EDIT.file), source.replace(EDIT.from, EDIT.to(i)));
      await untag('2');
      await docker(['build', '--label', BENCH_LABEL, '--tag', image('2'), dir]);
    });
    const rebuildPushMs = await timed(() => docker(['push', image('2')]));

    const before = new Set((await manifest(registry, repo, '1')).layers.map((layer) => layer.digest));
    const after = await manifest(registry, repo, '2');
    const steps = await layerSteps(registry, repo, image('2'), after);
    return {
      variant,
      sizeBytes: await imageSize(image('2')),
      baseBytes: await imageSize(exampleBaseImage()),
      compressedBytes: after.layers.reduce((sum, layer) => sum + layer.size, 0),
      layerCount: after.layers.length,
      coldBuildMs,
      rebuildMs,
      rebuildPushMs,
      changed: after.layers.flatMap((layer, index) =>
        before.has(layer.digest)
          ? []
          : [
              {
                step: steps[index]?.step ?? '?',
                compressed: layer.size,
                uncompressed: steps[index]?.uncompressed ?? 0,
              },
            ],
      ),
    };
  } finally {
    await docker(['rmi', '--force', image('1'), image('2')]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kb = (bytes: number) => (bytes < 1e5 ? `${(bytes / 1e3).toFixed(1)} kB` : mb(bytes));
const s = (ms: number) => `${(ms / 1e3).toFixed(1)} s`;

async function main(): Promise<void> {
  const server = (await docker(['version', '--format', '{{.Server.Version}}'])).stdout.trim();
  const buildkit = await docker(['buildx', 'version']).then(
    () => 'BuildKit (buildx)',
    () => 'legacy builder (no buildx)',
  );
  const registryName = `hatoba-bench-registry-${process.pid}`;
  await docker(['run', '--detach', '--rm', '--name', registryName, '--publish', '127.0.0.1::5000', 'registry:2']);
  try {
    const { stdout } = await docker(['port', registryName, '5000/tcp']);
    const registry = /127\.0\.0\.1:\d+/.exec(stdout)?.[0];
    if (registry === undefined) throw new Error(`registry:2 published no port: ${stdout}`);
    for (
      let i = 0;
      i < 50 &&
      !(await fetch(`http://${registry}/v2/`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const results = [
      await measure(registry, 'multi-stage (examples/hello-service)', false),
      await measure(registry, 'naive single stage', true),
    ];

    const cpu = cpus();
    console.log(
      `Machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), Docker Engine ${server}, ${buildkit}`,
    );
    console.log(`Base: ${exampleBaseImage()}; one-line change: ${EDIT.file} (${EDIT.from} -> ${EDIT.to(0)})`);
    console.log(`Build times: median of ${runs} runs\n`);
    console.log(
      '| Dockerfile | image size (on top of base) | compressed | layers | cold build | rebuild after edit | push after edit |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      const pushed = r.changed.reduce((sum, layer) => sum + layer.compressed, 0);
      console.log(
        `| ${r.variant} | ${mb(r.sizeBytes)} (${kb(r.sizeBytes - r.baseBytes)}) | ${mb(r.compressedBytes)} | ${r.layerCount} | ${s(r.coldBuildMs)} | ` +
          `${s(r.rebuildMs)} | ${r.changed.length} layer(s), ${kb(pushed)} in ${s(r.rebuildPushMs)} |`,
      );
    }
    for (const r of results) {
      console.log(`\nLayers changed by the edit, ${r.variant}:`);
      for (const layer of r.changed) {
        console.log(`- \`${layer.step}\`: ${kb(layer.uncompressed)} (${kb(layer.compressed)} compressed)`);
      }
    }
  } finally {
    await docker(['rm', '--force', registryName]).catch(() => undefined);
    // The classic builder keeps each stage of each build as an untagged image carrying the build's labels.
    const { stdout } = await docker([
      'images',
      '--quiet',
      '--filter',
      'dangling=true',
      '--filter',
      `label=${BENCH_LABEL}`,
    ]);
    const leftovers = [...new Set(stdout.split('\n').filter(Boolean))];
    if (leftovers.length > 0) await docker(['rmi', '--force', ...leftovers]).catch(() => undefined);
  }
}

await main();
