import { basename, dirname } from 'node:path';
import { type DockerfileFacts, dockerfileFacts } from './dockerfile-facts.js';
import { readOptional } from './read-optional.js';

export type ExistingDockerfile =
  | { readonly facts: DockerfileFacts; readonly display: string }
  | { readonly problem: string; readonly display: string }
  | undefined;

/** The Dockerfile at `path`, parsed; undefined when there is none; the reason when it cannot be read. */
export async function inspectDockerfile(path: string, display: string): Promise<ExistingDockerfile> {
  const read = await readOptional(dirname(path), basename(path));
  if (read === undefined) return undefined;
  if ('problem' in read) return { problem: read.problem, display };
  return { facts: dockerfileFacts(read.text), display };
}
