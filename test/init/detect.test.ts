import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldProblem } from '../../src/config/field.js';
import { detectGo } from '../../src/init/detect/go.js';
import { detectHealthPath, HEALTH_SCAN_LIMITS } from '../../src/init/detect/health-path.js';
import { detectPython } from '../../src/init/detect/python.js';
import { detectStack } from '../../src/init/detect/stack.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hatoba-detect-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(entries: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(entries)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

describe('detectHealthPath', () => {
  it.each([
    ['server.js', "app.get('/healthz', (req, res) => res.send('ok'))", '/healthz'],
    ['routes.ts', "fastify.route({ method: 'GET', url: '/livez', handler })", '/livez'],
    ['app.py', '@bp.get("/health")\ndef health(): ...', '/health'],
    ['main.py', '@app.api_route("/ping", methods=["GET", "HEAD"])', '/ping'],
    ['main.go', 'mux.HandleFunc("GET /readyz", ready)', '/readyz'],
    ['router.go', 'r.GET("/status", func(c *gin.Context) {})', '/status'],
    ['echo.go', 'e.GET("/health/", h)', '/health'],
    ['notes.md', "app.get('/health')", undefined],
    ['client.js', "fetch('/health')", undefined],
  ])('%s: %s → %s', async (name, text, expected) => {
    await files({ [name]: text });
    expect((await detectHealthPath(dir))?.path).toBe(expected);
  });

  it('prefers /healthz over /health, and skips dependencies, build output and tests', async () => {
    await files({
      'node_modules/lib/index.js': "app.get('/healthz')",
      '.venv/lib/app.py': '@app.get("/healthz")',
      'vendor/x/main.go': 'http.HandleFunc("/healthz", h)',
      'src/server.test.ts': "app.get('/healthz')",
      'src/a.ts': "app.get('/status')",
      'src/b.ts': "app.get('/health')",
    });
    expect(await detectHealthPath(dir)).toEqual({ path: '/health', file: 'src/b.ts' });
  });

  it('reads only small files, a bounded number of them, not too deep', async () => {
    await files({
      'big.js': `app.get('/healthz');${' '.repeat(HEALTH_SCAN_LIMITS.fileBytes)}`,
      'a/b/c/d/e/deep.js': "app.get('/healthz')",
    });
    for (let i = 0; i < HEALTH_SCAN_LIMITS.files; i += 1)
      await files({ [`many/f${String(i).padStart(3, '0')}.js`]: '' });
    await files({ 'zzz/late.js': "app.get('/ping')" });
    expect(await detectHealthPath(dir)).toBeUndefined();
  });
});

describe('detectPython', () => {
  it('Django: gunicorn serves the project package’s wsgi module', async () => {
    await files({
      'requirements.txt': 'Django>=5.2\ngunicorn==23.0.0\n',
      'manage.py': '',
      'mysite/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
    });
    expect(await detectPython(dir)).toMatchObject({
      tool: 'pip',
      framework: 'django',
      target: 'mysite.wsgi:application',
      servers: ['gunicorn'],
    });
  });

  it('Flask application factory; [tool.uv] without a lock; fastapi[standard] declares uvicorn', async () => {
    await files({
      'pyproject.toml': '[project]\ndependencies = ["flask>=3"]\n[tool.uv]\ndev-dependencies = []\n',
      '.python-version': '3.12.7\n',
      'wsgi.py': 'def create_app():\n    return Flask(__name__)\n',
    });
    expect(await detectPython(dir)).toMatchObject({
      tool: 'uv',
      hasLockfile: false,
      python: '3.12',
      target: 'wsgi:create_app()',
    });
    await files({ 'pyproject.toml': '[project]\ndependencies = ["fastapi[standard]>=0.118"]\n', 'wsgi.py': '' });
    expect(await detectPython(dir)).toMatchObject({ tool: 'pip', framework: 'fastapi', servers: ['uvicorn'] });
  });

  it('no framework: no target (the Dockerfile gets a TODO)', async () => {
    await files({ 'requirements.txt': 'requests\n' });
    const project = await detectPython(dir);
    expect(project?.framework).toBeUndefined();
    expect(project?.target).toBeUndefined();
  });
});

describe('detectGo and detectStack', () => {
  it('one cmd/NAME main package; several: none chosen', async () => {
    await files({ 'go.mod': 'module x\n\ngo 1.23.4\n', 'go.sum': '', 'cmd/api/main.go': 'package main\n' });
    expect(await detectGo(dir)).toEqual({ go: '1.23', hasSum: true, mainPackage: './cmd/api' });
    await files({ 'cmd/worker/main.go': 'package main\n' });
    expect((await detectGo(dir))?.mainPackage).toBeUndefined();
  });

  it('Ruby, Java and Rust are recognised but get no Dockerfile', async () => {
    await files({ Gemfile: '' });
    expect(await detectStack(dir, undefined)).toEqual({ kind: 'other', other: { language: 'Ruby', anchor: 'ruby' } });
    await rm(join(dir, 'Gemfile'));
    await files({ 'build.gradle.kts': '' });
    expect(await detectStack(dir, undefined)).toMatchObject({ other: { language: 'Java' } });
    await rm(join(dir, 'build.gradle.kts'));
    expect(await detectStack(dir, undefined)).toEqual({ kind: 'unknown' });
  });
});

describe('fieldProblem', () => {
  it('checks one value with the rule hatoba.yml uses for its key', () => {
    expect(fieldProblem(['aws', 'account'], '123456789012')).toBeUndefined();
    expect(fieldProblem(['aws', 'account'], '12')).toBe('"12" is not an AWS account id (exactly 12 digits)');
    expect(fieldProblem(['ecs', 'container', 'port'], 0)).toBe('0 is not a port (1–65535)');
    expect(fieldProblem(['ecs', 'architecture'], 'ARM64')).toBeUndefined();
    expect(fieldProblem(['ecs', 'architecture'], 'MIPS')).toBeDefined();
    expect(fieldProblem(['github', 'branches'], ['main', 'bad..name'])).toBeDefined();
    expect(() => fieldProblem(['aws', 'nope'], 'x')).toThrow('hatoba.yml has no key aws.nope');
  });
});
