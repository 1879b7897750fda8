import type { NodeProject } from '../detect/node.js';
import { type DockerFiles, renderTemplate, type TemplateValues } from './template.js';

/** A Dockerfile and .dockerignore for a Node.js project, in the style of examples/hello-service. */
export function nodeDockerFiles(project: NodeProject, values: TemplateValues): Promise<DockerFiles> {
  return renderTemplate('node', {
    app: values.app,
    port: String(values.port),
    repository: values.repository,
    install: project.hasLockfile ? 'npm ci' : 'npm install',
    build: project.scripts?.build === undefined ? '' : 'RUN npm run build\n',
    command: startCommand(project),
  });
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
