import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';

/** templates/ at the package root: two levels up from both src/init and dist/init. */
const TEMPLATES = new URL('../../templates/node/', import.meta.url);

export interface NodeProject {
  readonly name?: string;
  readonly main?: string;
  readonly scripts?: Readonly<Record<string, string>>;
  /** package-lock.json is present: `npm ci` reproduces it exactly. */
  readonly hasLockfile: boolean;
}

export interface DockerFiles {
  readonly dockerfile: string;
  readonly dockerignore: string;
}

/** A Dockerfile and .dockerignore for a Node.js project, in the style of examples/hello-service. */
export async function nodeDockerFiles(
  project: NodeProject,
  values: { app: string; port: number; repository: string },
): Promise<DockerFiles> {
  const [dockerfile, dockerignore] = await Promise.all([
    readFile(new URL('Dockerfile', TEMPLATES), 'utf8'),
    readFile(new URL('dockerignore', TEMPLATES), 'utf8'),
  ]);
  return {
    dockerfile: fillTemplate(dockerfile, {
      app: values.app,
      port: String(values.port),
      repository: values.repository,
      install: project.hasLockfile ? 'npm ci' : 'npm install',
      build: project.scripts?.build === undefined ? '' : 'RUN npm run build\n',
      command: startCommand(project),
    }),
    dockerignore,
  };
}

/** `node <entry>` as PID 1 when the entry point is known (signals reach it); `npm start` otherwise. */
function startCommand(project: NodeProject): string {
  const fromStart = /^node\s+([^\s;&|]+)$/.exec(project.scripts?.start?.trim() ?? '')?.[1];
  const entry = fromStart ?? project.main;
  if (entry !== undefined) {
    return `# node itself as PID 1 (no npm, no shell): SIGTERM reaches the application.\nCMD ["node", ${JSON.stringify(entry)}]`;
  }
  return '# npm start runs your start script; make it exec node so SIGTERM reaches the application.\nCMD ["npm", "start"]';
}

/** Replaces every `{{name}}`; a placeholder without a value is a bug in the template. */
function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new UserError(`template placeholder {{${name}}} has no value`);
    return value;
  });
}
