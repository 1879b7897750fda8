import type { PythonProject } from '../detect/python.js';
import { type DockerFiles, execForm, renderTemplate, type TemplateValues } from './template.js';

/** The production server for each framework: gunicorn for WSGI (Flask, Django), uvicorn for ASGI (FastAPI). */
const SERVER = { flask: 'gunicorn', django: 'gunicorn', fastapi: 'uvicorn' } as const;

export const PYTHON_TODO =
  '# TODO: hatoba init could not tell how to start this app: replace this line with its server command.';

/** A Dockerfile and .dockerignore for a Python project (uv or pip), serving with the framework's server. */
export function pythonDockerFiles(project: PythonProject, values: TemplateValues): Promise<DockerFiles> {
  const warnings: string[] = [];
  const server = project.framework === undefined ? undefined : SERVER[project.framework];
  const command = serverCommand(project, values.port);
  if (command === undefined) {
    warnings.push(
      `Dockerfile: hatoba init could not tell how to start this ${project.framework ?? 'Python'} app; edit the TODO line (CMD) before deploying`,
    );
  }
  // A server the project does not declare is installed unpinned; declaring it pins it in the lock or requirements.
  const installServer = server !== undefined && command !== undefined && !project.servers.includes(server);
  if (installServer) {
    warnings.push(
      `Dockerfile: ${server} is not among your dependencies, so the image installs its newest release; add ${server} to ${project.tool === 'uv' ? `pyproject.toml (uv add ${server})` : project.requirements} to pin it`,
    );
  }
  const cmd = command ?? `${PYTHON_TODO}\nCMD ["python", "-m", "TODO_your_module"]`;
  const shared = {
    app: values.app,
    port: String(values.port),
    repository: values.repository,
    python: project.python,
    command: cmd,
  };
  if (project.tool === 'uv') {
    return renderTemplate(
      'python-uv',
      {
        ...shared,
        lockFiles: project.hasLockfile ? 'pyproject.toml uv.lock' : 'pyproject.toml',
        // --locked: fail the build when uv.lock is out of date rather than resolve anew.
        locked: project.hasLockfile ? '--locked ' : '',
        installServer: installServer ? `RUN uv pip install ${server}\n` : '',
      },
      warnings,
    );
  }
  const extra = installServer ? ` ${server}` : '';
  const install =
    project.requirements === 'requirements.txt'
      ? `# Dependencies first, cached on requirements.txt alone.\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt${extra}\n`
      : `COPY . .\nRUN pip install .${extra}\n`;
  return renderTemplate('python-pip', { ...shared, install }, warnings);
}

function serverCommand(project: PythonProject, port: number): string | undefined {
  if (project.framework === undefined || project.target === undefined) return undefined;
  if (SERVER[project.framework] === 'uvicorn') {
    return execForm('CMD', ['uvicorn', project.target, '--host', '0.0.0.0', '--port', String(port)]);
  }
  return execForm('CMD', ['gunicorn', '--bind', `0.0.0.0:${port}`, project.target]);
}
