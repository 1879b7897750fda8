import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isFile } from '../../fs/path-kind.js';
import { readText } from './read-optional.js';

export type PythonFramework = 'flask' | 'fastapi' | 'django';

export interface PythonProject {
  /** uv when uv.lock or a [tool.uv] table is there; pip for requirements.txt or a plain pyproject.toml. */
  readonly tool: 'uv' | 'pip';
  /** What pip installs from: requirements.txt when present, else the project itself (pyproject.toml). */
  readonly requirements: 'requirements.txt' | 'pyproject.toml';
  readonly hasLockfile: boolean;
  /** major.minor for the python:X.Y-slim base image. */
  readonly python: string;
  readonly framework?: PythonFramework;
  /** `module:object` the server imports (`app:app`, `mysite.wsgi:application`), when found. */
  readonly target?: string;
  /** The servers the project declares (gunicorn, uvicorn). */
  readonly servers: readonly string[];
}

/** The Python every current python:X.Y-slim tag has, used when the project does not say. */
export const DEFAULT_PYTHON = '3.13';

/** Files that commonly hold the app object, in the order they are tried. */
const APP_FILES = [
  'app.py',
  'main.py',
  'wsgi.py',
  'asgi.py',
  'server.py',
  'application.py',
  'app/__init__.py',
  'app/main.py',
];

export async function detectPython(dir: string): Promise<PythonProject | undefined> {
  const [pyproject, requirements, pythonVersion] = await Promise.all([
    readText(dir, 'pyproject.toml'),
    readText(dir, 'requirements.txt'),
    readText(dir, '.python-version'),
  ]);
  const hasPyproject = await isFile(join(dir, 'pyproject.toml'));
  const hasRequirements = await isFile(join(dir, 'requirements.txt'));
  const hasLockfile = await isFile(join(dir, 'uv.lock'));
  if (!hasPyproject && !hasRequirements && !hasLockfile) return undefined;
  const tool = hasLockfile || /^\[tool\.uv\]/m.test(pyproject) ? 'uv' : 'pip';
  const declared = dependencies(requirements, pyproject);
  const framework = (['fastapi', 'django', 'flask'] as const).find((name) => declared.has(name));
  const servers = ['gunicorn', 'uvicorn'].filter((name) => declared.has(name));
  const target = framework === undefined ? undefined : await appTarget(dir, framework);
  return {
    tool,
    requirements: hasRequirements && tool === 'pip' ? 'requirements.txt' : 'pyproject.toml',
    hasLockfile,
    python: pythonMinor(pythonVersion, pyproject),
    ...(framework === undefined ? {} : { framework }),
    ...(target === undefined ? {} : { target }),
    servers,
  };
}

/** Lower-cased distribution names from requirements lines and quoted pyproject dependency strings. */
function dependencies(requirements: string, pyproject: string): Set<string> {
  const names = new Set<string>();
  for (const match of requirements.matchAll(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?/gm)) {
    names.add((match[1] ?? '').toLowerCase());
    if (match[2]?.includes('standard')) names.add('uvicorn');
  }
  for (const match of pyproject.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(?:[<>=!~;].*?)?["']/g)) {
    names.add((match[1] ?? '').toLowerCase());
    // fastapi[standard] brings uvicorn with it.
    if (match[2]?.includes('standard')) names.add('uvicorn');
  }
  return names;
}

function pythonMinor(pythonVersion: string, pyproject: string): string {
  const pinned = /^\s*(3\.\d+)/.exec(pythonVersion)?.[1];
  if (pinned !== undefined) return pinned;
  const requires = /^\s*requires-python\s*=\s*["'][^"']*?(3\.\d+)/m.exec(pyproject)?.[1];
  return requires ?? DEFAULT_PYTHON;
}

async function appTarget(dir: string, framework: PythonFramework): Promise<string | undefined> {
  if (framework === 'django') {
    // startproject puts wsgi.py next to settings.py in a package named after the project.
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && /^\w+$/.test(entry.name)) {
        if (/get_wsgi_application/.test(await readText(join(dir, entry.name), 'wsgi.py'))) {
          return `${entry.name}.wsgi:application`;
        }
      }
    }
    return undefined;
  }
  const className = framework === 'flask' ? 'Flask' : 'FastAPI';
  for (const file of APP_FILES) {
    const text = await readText(dir, file, 256 * 1024);
    const module = file.replace(/(?:\/__init__)?\.py$/, '').replaceAll('/', '.');
    const object = new RegExp(`^(\\w+)\\s*=\\s*(?:\\w+\\.)?${className}\\(`, 'm').exec(text)?.[1];
    if (object !== undefined) return `${module}:${object}`;
    // Flask's application factory: gunicorn calls it.
    if (framework === 'flask' && /^def create_app\(/m.test(text)) return `${module}:create_app()`;
  }
  return undefined;
}
