import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PushResult, pullByDigest, pushImage } from '../image-push.js';
import { startRegistry } from '../registry.js';
import type { BuildResult } from './build.js';
import { formatBytes } from './format.js';
import type { StepOutcome } from './runner.js';
import type { RehearsalState } from './state.js';

/** Starts a registry standing in for ECR, pushes the image as the workflow would, and pulls it back by digest. */
export async function pushStep(state: RehearsalState, built: BuildResult): Promise<StepOutcome<PushResult>> {
  const { config, docker, clock, signal, cleanup } = state;
  const workDir = await mkdtemp(join(tmpdir(), 'hatoba-rehearse-'));
  cleanup.defer('temporary files', () => rm(workDir, { recursive: true, force: true }));
  const registryName = `${state.prefix}-registry`;
  cleanup.defer('registry', () => docker.remove(['rm', '--force', '--volumes', registryName]));
  const volume = state.keepRegistryData ? registryVolume(config.ecr.repository) : undefined;
  const phase = clock.now();
  const registry = await startRegistry(docker, {
    name: registryName,
    image: state.registryImage,
    workDir,
    volume,
    labels: state.labels,
    signal,
  });
  const pushing = clock.now();
  const result = await pushImage(
    docker,
    registry,
    built.image,
    { repository: config.ecr.repository, tag: built.tag },
    signal,
    (done, total) => state.onActivity({ type: 'count', step: 'push', unit: 'layers', done, total }),
  );
  cleanup.defer('image tag', () => docker.remove(['image', 'rm', result.tagReference]));
  const pulling = clock.now();
  await pullByDigest(docker, registry, result.imageByDigest, signal);
  const seconds = (from: number, to: number) => (to - from) / 1000;
  cleanup.defer('pulled image reference', () => docker.remove(['image', 'rm', result.imageByDigest]));
  return {
    value: result,
    summary:
      `${formatBytes(result.bytesPushed)} uploaded of ${formatBytes(result.imageBytes)} ` +
      `(${result.layersPushed}/${result.layersTotal} layers), pulled back as ${result.digest.slice(0, 19)}…`,
    details: {
      registry: registry.host,
      image: result.imageByDigest,
      digest: result.digest,
      bytesPushed: result.bytesPushed,
      imageBytes: result.imageBytes,
      layersPushed: result.layersPushed,
      layersTotal: result.layersTotal,
      registryVolume: volume ?? null,
      registrySeconds: seconds(phase, pushing),
      pushSeconds: seconds(pushing, pulling),
      pullSeconds: seconds(pulling, clock.now()),
    },
  };
}

/** The Docker volume that stands for the ECR repository's storage between runs (`--keep-registry-data`). */
export function registryVolume(repository: string): string {
  return `hatoba-rehearse-registry-${repository.replaceAll('/', '-')}`;
}
