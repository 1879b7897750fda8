/**
 * A build that failed because a base image (a FROM line) could not be pulled: which image, why, and what to do.
 * Read from the build's own output, so it works for the legacy builder and BuildKit alike.
 */

export interface PullFailure {
  readonly image: string;
  readonly reason: 'not-found' | 'rate-limit' | 'tls' | 'network';
  readonly message: string;
  readonly hints: string[];
}

const REASONS: readonly { reason: PullFailure['reason']; pattern: RegExp }[] = [
  { reason: 'rate-limit', pattern: /toomanyrequests|rate limit/i },
  { reason: 'tls', pattern: /x509:|tls: |certificate (signed by unknown|is not valid|has expired)/i },
  {
    reason: 'network',
    pattern: /dial tcp|connection refused|no such host|i\/o timeout|network is unreachable|TLS handshake timeout/i,
  },
  {
    reason: 'not-found',
    pattern: /pull access denied|repository does not exist|manifest unknown|manifest for \S+ not found|: not found$/im,
  },
];

/** The build stopped while fetching a base image, not in a RUN step that printed similar words. */
function stoppedAtFrom(output: string): boolean {
  if (/load metadata for|resolve source metadata/.test(output)) return true; // BuildKit
  const steps = [...output.matchAll(/^Step \d+\/\d+ : (.*)$/gm)]; // the legacy builder
  return /^FROM\s/i.test(steps.at(-1)?.[1] ?? '');
}

/** The external images a Dockerfile starts from (stage names it defines itself and `scratch` are not pulled). */
export function baseImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const match of dockerfile.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/gim)) {
    const image = match[1] ?? '';
    if (!stages.has(image.toLowerCase()) && image !== 'scratch' && !images.includes(image)) images.push(image);
    if (match[2] !== undefined) stages.add(match[2].toLowerCase());
  }
  return images;
}

export function pullFailure(output: string, dockerfile: string): PullFailure | undefined {
  const images = baseImages(dockerfile);
  const found = REASONS.find(({ pattern }) => pattern.test(output));
  if (found === undefined || images.length === 0 || !stoppedAtFrom(output)) return undefined;
  // The image the output names: in full, without its tag, or (legacy builder: `Get "http://HOST/v2/"`) by host.
  const image =
    images.find((candidate) => output.includes(candidate)) ??
    images.find((candidate) => output.includes(candidate.replace(/[:@][^/]*$/, ''))) ??
    images.find((candidate) => candidate.includes('/') && output.includes(`${candidate.split('/')[0]}/`)) ??
    images[0] ??
    '';
  const offline =
    `On a machine without registry access: docker save ${image} where it can be pulled, docker load here ` +
    '(or build the stand-ins: HATOBA_STAND_INS=1 bash scripts/quickstart.sh).';
  const byReason: Record<PullFailure['reason'], { why: string; hints: string[] }> = {
    'not-found': {
      why: 'does not exist or needs a login',
      hints: ['Check the name and tag in the FROM line; for a private image run docker login first.', offline],
    },
    'rate-limit': {
      why: 'was refused by the registry’s pull rate limit',
      hints: ['docker login raises the limit (Docker Hub); or wait, or pull through a registry mirror.', offline],
    },
    tls: {
      why: 'failed TLS verification (a proxy that inspects TLS, or a wrong clock)',
      hints: [
        "Add the proxy's CA certificate to the Docker engine's trust store, or check the machine's clock.",
        offline,
      ],
    },
    network: {
      why: 'could not be reached: no network route to its registry',
      hints: ['Check the network, the proxy settings of the Docker engine, or configure a registry mirror.', offline],
    },
  };
  const { why, hints } = byReason[found.reason];
  return {
    image,
    reason: found.reason,
    message: `The base image ${image} (FROM in the Dockerfile) could not be pulled: it ${why}.`,
    hints,
  };
}
