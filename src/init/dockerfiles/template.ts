import { readFile } from 'node:fs/promises';

/** templates/ at the package root: three levels up from both src/init/dockerfiles and dist/init/dockerfiles. */
const TEMPLATES = new URL('../../../templates/', import.meta.url);

export interface DockerFiles {
  readonly dockerfile: string;
  readonly dockerignore: string;
  /** What the user must know or edit (a TODO left in the Dockerfile, a server installed without a pin). */
  readonly warnings: readonly string[];
}

/** What every template is filled with. */
export interface TemplateValues {
  readonly app: string;
  readonly port: number;
  readonly repository: string;
}

/** templates/STACK/Dockerfile filled in, and the shared .dockerignore followed by the stack's own entries. */
export async function renderTemplate(
  stack: string,
  values: Readonly<Record<string, string>>,
  warnings: readonly string[] = [],
): Promise<DockerFiles> {
  const [dockerfile, common, own] = await Promise.all([
    readFile(new URL(`${stack}/Dockerfile`, TEMPLATES), 'utf8'),
    readFile(new URL('dockerignore', TEMPLATES), 'utf8'),
    readFile(new URL(`${stack}/dockerignore`, TEMPLATES), 'utf8'),
  ]);
  return { dockerfile: fillTemplate(dockerfile, values), dockerignore: `${common}${own}`, warnings };
}

/** Replaces every `{{name}}`; a placeholder without a value is a bug in the template. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    return value;
  });
}

/** An exec-form instruction (`CMD ["a", "b"]`): no shell, so the server is PID 1 and receives SIGTERM. */
export function execForm(instruction: 'CMD' | 'ENTRYPOINT', argv: readonly string[]): string {
  return `${instruction} [${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}
