import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthorizationData, ECRClient } from '@aws-sdk/client-ecr';
import type { Docker } from '../../src/rehearse/docker.js';
import { buildImage, type ImagePlatform } from '../../src/rehearse/image-build.js';
import { parsePushOutput } from '../../src/rehearse/image-push.js';

/** What the crashing image prints before it exits 1, so its line is easy to recognise in the verdict's log lines. */
export const CRASH_MESSAGE = 'hatoba live test: exiting with code 1 on purpose';

export interface RegistryLogin {
  readonly username: string;
  readonly password: string;
  /** `https://ACCOUNT.dkr.ecr.REGION.amazonaws.com` */
  readonly endpoint: string;
}

/**
 * ECR GetAuthorizationToken: the token "is a base64 encoded string that can be decoded and used in a docker login
 * command"; decoded it is `user:password` (Amazon ECR API Reference, GetAuthorizationToken / AuthorizationData).
 */
export function registryLogin(data: AuthorizationData | undefined): RegistryLogin {
  const token = data?.authorizationToken;
  const endpoint = data?.proxyEndpoint;
  if (token === undefined || endpoint === undefined) throw new Error('ECR returned no authorization data');
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new Error('the ECR authorization token is not user:password');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), endpoint };
}

/**
 * `docker login` to the account's registry with a fresh token, into `dockerConfig` (a directory of this run, deleted
 * with it) so the user's own Docker config is untouched. The password goes through stdin, never argv or output.
 */
export async function ecrLogin(ecr: ECRClient, docker: Docker, dockerConfig: string): Promise<void> {
  const { GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr');
  const response = await ecr.send(new GetAuthorizationTokenCommand({}));
  const login = registryLogin(response.authorizationData?.[0]);
  await mkdir(dockerConfig, { recursive: true });
  await docker.run(['login', '--username', login.username, '--password-stdin', login.endpoint], {
    input: login.password,
    env: { DOCKER_CONFIG: dockerConfig },
  });
}

export interface PushedImage {
  /** `REGISTRY/REPOSITORY:TAG`, the local tag too. */
  readonly tag: string;
  /** `REGISTRY/REPOSITORY@sha256:…`: what `hatoba deploy --image` gets. */
  readonly byDigest: string;
  readonly digest: string;
}

/** Builds with the production builder (the workflow's and `rehearse`'s flags), pushes, and reads the digest. */
export async function buildAndPush(
  docker: Docker,
  request: {
    readonly context: string;
    readonly dockerfile: string;
    readonly repositoryUri: string;
    readonly tag: string;
    readonly platform: ImagePlatform;
    readonly source: string;
    readonly dockerConfig: string;
  },
): Promise<PushedImage> {
  const tag = `${request.repositoryUri}:${request.tag}`;
  await buildImage(docker, {
    context: request.context,
    dockerfile: request.dockerfile,
    tag,
    platform: request.platform,
    revision: request.tag,
    source: request.source,
    noCache: false,
  });
  // Only push needs the registry login; build keeps the user's Docker config (its buildx plugin, its cache).
  const { stdout } = await docker.run(['push', tag], { env: { DOCKER_CONFIG: request.dockerConfig } });
  const { digest } = parsePushOutput(stdout);
  return { tag, byDigest: `${request.repositoryUri}@${digest}`, digest };
}

/** A Dockerfile for the crashing image: the good image, with a command that prints an error and exits 1. */
export function crashDockerfile(baseImage: string): string {
  const script = `console.error(${JSON.stringify(CRASH_MESSAGE)}); process.exit(1)`;
  return `FROM ${baseImage}\nCMD ${JSON.stringify(['node', '-e', script])}\n`;
}

/** Writes the crashing image's Dockerfile into its own build context directory and returns both paths. */
export async function writeCrashContext(
  dir: string,
  baseImage: string,
): Promise<{ context: string; dockerfile: string }> {
  const context = join(dir, 'crash-image');
  await mkdir(context, { recursive: true });
  const dockerfile = join(context, 'Dockerfile');
  await writeFile(dockerfile, crashDockerfile(baseImage));
  return { context, dockerfile };
}
