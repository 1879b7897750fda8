import type { HatobaConfig } from '../config/resolve.js';
import { runsAsRoot } from './detect/dockerfile-facts.js';
import type { ExistingDockerfile } from './detect/existing-dockerfile.js';
import { type Stack, stackName } from './detect/stack.js';
import { goDockerFiles } from './dockerfiles/go.js';
import { nodeDockerFiles } from './dockerfiles/node.js';
import { pythonDockerFiles } from './dockerfiles/python.js';
import type { DockerFiles } from './dockerfiles/template.js';

/** The page with a Dockerfile template and advice per stack, including the ones init does not write. */
export const DOCKERFILES_DOC = 'docs/dockerfiles.md';

export interface DockerPlan {
  /** Files to write when there is no Dockerfile yet and init knows the stack. */
  readonly files?: DockerFiles;
  readonly warnings: readonly string[];
}

/**
 * The Dockerfile side of init: a generated Dockerfile for Node.js, Python and Go when none exists; otherwise what
 * the existing one gets wrong for ECS (runs as root, exposes another port). Never silent about a missing Dockerfile.
 */
export async function planDocker(
  stack: Stack,
  existing: ExistingDockerfile,
  config: HatobaConfig,
  display: string,
): Promise<DockerPlan> {
  if (existing !== undefined) return { warnings: existingWarnings(existing, config) };
  const values = { app: config.app, port: config.ecs.container.port, repository: config.github.repository };
  switch (stack.kind) {
    case 'node':
      return { files: await nodeDockerFiles(stack.project, values), warnings: [] };
    case 'python':
      return { files: await pythonDockerFiles(stack.project, values), warnings: [] };
    case 'go':
      return { files: await goDockerFiles(stack.project, values), warnings: [] };
    default: {
      const anchor = stack.kind === 'other' ? stack.other.anchor : 'other-stacks';
      const what =
        stack.kind === 'other' ? `this looks like a ${stackName(stack)} project` : 'the stack was not recognised';
      return {
        warnings: [
          `no Dockerfile at ${display} (build.dockerfile), and init writes one only for Node.js, Python and Go (${what}); ` +
            `write one before you push: templates and advice in ${DOCKERFILES_DOC}#${anchor}`,
        ],
      };
    }
  }
}

function existingWarnings(existing: NonNullable<ExistingDockerfile>, config: HatobaConfig): string[] {
  if (!('facts' in existing)) return [];
  const { facts, display } = existing;
  const warnings: string[] = [];
  if (facts.stages === 0) {
    warnings.push(`${display} has no FROM instruction; docker build will refuse it`);
    return warnings;
  }
  if (runsAsRoot(facts)) {
    const how = facts.user === undefined ? 'has no USER' : `sets USER ${facts.user.value} (line ${facts.user.line})`;
    warnings.push(
      `${display}: the final stage ${how}, so the container runs as root (ECS runs the image as written); ` +
        'add a non-root USER, e.g. USER 1000:1000',
    );
  }
  const port = config.ecs.container.port;
  if (facts.ports.length > 0 && !facts.ports.includes(port)) {
    warnings.push(
      `${display} EXPOSEs ${facts.ports.join(', ')} but ecs.container.port is ${port}: the load balancer probes ${port}; ` +
        'make them agree',
    );
  }
  return warnings;
}
