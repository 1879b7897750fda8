import { type Docker, lastLines } from './docker.js';
import type { BuiltImage } from './image-build.js';
import type { LocalRegistry } from './registry.js';

/**
 * Pushes the built image to the rehearsal registry and counts the bytes that actually went over the wire.
 *
 * How the count is made: `docker push` prints one final status per layer, keyed by the first 12 hex digits of the
 * layer's diff id: `Pushed` (uploaded now), `Layer already exists` or `Mounted from …` (not uploaded). The pushed
 * manifest lists the same layers in the same order with their compressed sizes, which is what an upload sends. So
 * bytes pushed = the manifest sizes of the layers reported `Pushed`, plus the config blob when the registry did not
 * already have it (checked with a HEAD before the push). The manifest itself (a few hundred bytes) is not counted.
 */

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
];

export type LayerStatus = 'pushed' | 'exists' | 'mounted';

export interface PushOutput {
  readonly digest: string;
  /** Final status by the 12-hex-digit id docker prints. */
  readonly layers: ReadonlyMap<string, LayerStatus>;
}

interface Descriptor {
  readonly digest: string;
  readonly size: number;
  readonly platform?: { readonly architecture?: string; readonly os?: string };
}

export interface ImageManifest {
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

export interface PushResult {
  /** `127.0.0.1:PORT/REPOSITORY@sha256:…`: what the task definition runs. */
  readonly imageByDigest: string;
  readonly tagReference: string;
  readonly digest: string;
  readonly bytesPushed: number;
  /** Compressed size of the whole image (config and every layer): what a first push to an empty registry sends. */
  readonly imageBytes: number;
  readonly layersPushed: number;
  readonly layersTotal: number;
}

/** Layers whose upload ended, as `docker push` reports them one by one. */
export type OnLayersDone = (done: number, total: number) => void;

export async function pushImage(
  docker: Docker,
  registry: LocalRegistry,
  image: BuiltImage,
  target: { repository: string; tag: string },
  signal?: AbortSignal,
  onLayersDone?: OnLayersDone,
): Promise<PushResult> {
  const env = { DOCKER_CONFIG: registry.dockerConfig };
  const tagReference = `${registry.host}/${target.repository}:${target.tag}`;
  const configHead = await registry.api(`/v2/${target.repository}/blobs/${image.id}`, { method: 'HEAD' });
  await docker.run(['tag', image.tag, tagReference], { signal });
  const finished = new Set<string>();
  const onLine = (text: string) => {
    const layer = layerStatus(text);
    if (layer === undefined || finished.has(layer.id)) return;
    finished.add(layer.id);
    onLayersDone?.(finished.size, image.layers.length);
  };
  const { stdout } = await docker.run(['push', tagReference], { signal, env, onLine });
  const output = parsePushOutput(stdout);
  const manifest = await fetchManifest(registry, target.repository, output.digest);
  const bytes = uploadedBytes(
    manifest,
    image.layers,
    output.layers,
    configHead.ok && manifest.config.digest === image.id,
  );
  return {
    imageByDigest: `${registry.host}/${target.repository}@${output.digest}`,
    tagReference,
    digest: output.digest,
    bytesPushed: bytes.pushed,
    imageBytes: bytes.total,
    layersPushed: bytes.layersPushed,
    layersTotal: manifest.layers.length,
  };
}

/** Pulls the image by digest from the registry, as Fargate does with the task definition's image. */
export async function pullByDigest(
  docker: Docker,
  registry: LocalRegistry,
  reference: string,
  signal?: AbortSignal,
): Promise<void> {
  await docker.run(['pull', reference], { signal, env: { DOCKER_CONFIG: registry.dockerConfig } });
}

export function parsePushOutput(text: string): PushOutput {
  const layers = new Map<string, LayerStatus>();
  let digest: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const layer = layerStatus(line);
    if (layer !== undefined) {
      layers.set(layer.id, layer.status);
      continue;
    }
    const pushed = /: digest: (sha256:[0-9a-f]{64}) size: \d+$/.exec(line);
    if (pushed?.[1]) digest = pushed[1];
  }
  if (digest === undefined) throw new Error(`docker push printed no digest:\n${lastLines(text, 5)}`);
  return { digest, layers };
}

/** `0123456789ab: Pushed` → the layer's final status; undefined for any other line (`Preparing`, `Waiting`, …). */
function layerStatus(line: string): { id: string; status: LayerStatus } | undefined {
  const layer = /^([0-9a-f]{12}): (Pushed|Layer already exists|Mounted from .+)$/.exec(line.trim());
  if (!layer?.[1] || !layer[2]) return undefined;
  const status = layer[2] === 'Pushed' ? 'pushed' : layer[2] === 'Layer already exists' ? 'exists' : 'mounted';
  return { id: layer[1], status };
}

/**
 * Bytes uploaded by one push. `diffIds` are the image's layer diff ids (bottom first), which docker push names by
 * their first 12 hex digits; an engine that names layers by their compressed digest instead is matched on that.
 */
export function uploadedBytes(
  manifest: ImageManifest,
  diffIds: readonly string[],
  statuses: ReadonlyMap<string, LayerStatus>,
  configExisted: boolean,
): { pushed: number; total: number; layersPushed: number } {
  const short = (digest: string | undefined) => digest?.replace(/^sha256:/, '').slice(0, 12) ?? '';
  let pushed = configExisted ? 0 : manifest.config.size;
  let layersPushed = 0;
  manifest.layers.forEach((layer, index) => {
    const status = statuses.get(short(diffIds[index])) ?? statuses.get(short(layer.digest));
    if (status === 'pushed') {
      pushed += layer.size;
      layersPushed += 1;
    }
  });
  const total = manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
  return { pushed, total, layersPushed };
}

async function fetchManifest(registry: LocalRegistry, repository: string, digest: string): Promise<ImageManifest> {
  const response = await registry.api(`/v2/${repository}/manifests/${digest}`, { accept: MANIFEST_TYPES });
  if (!response.ok) throw new Error(`the registry has no manifest ${digest} (HTTP ${response.status})`);
  const served = response.headers.get('docker-content-digest');
  if (served !== null && served !== digest) {
    throw new Error(`the registry served ${served} when asked for ${digest}`);
  }
  const body = (await response.json()) as Partial<ImageManifest> & { manifests?: Descriptor[] };
  if (body.manifests) {
    // An index (engines with the containerd image store push one): follow the linux entry.
    const entry = body.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture !== 'unknown');
    if (!entry) throw new Error(`the image index ${digest} has no linux manifest`);
    return fetchManifest(registry, repository, entry.digest);
  }
  if (!body.config || !body.layers) throw new Error(`the manifest ${digest} has no config or layers`);
  return { config: body.config, layers: body.layers };
}
