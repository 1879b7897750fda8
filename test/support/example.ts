import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** examples/hello-service, the service every container test builds. */
export const HELLO_SERVICE_DIR = fileURLToPath(new URL('../../examples/hello-service/', import.meta.url));

/** The image the example's first stage starts from: the base image CI stands in for (scripts/ci-setup.sh). */
export function exampleBaseImage(): string {
  const dockerfile = readFileSync(`${HELLO_SERVICE_DIR}Dockerfile`, 'utf8');
  const from = /^FROM\s+(\S+)/m.exec(dockerfile)?.[1];
  if (from === undefined) throw new Error('examples/hello-service/Dockerfile has no FROM line');
  return from;
}
