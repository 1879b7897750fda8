import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readText } from './read-optional.js';

/** Paths apps commonly serve for probes, most specific first. */
const CANDIDATES = ['/healthz', '/health', '/livez', '/readyz', '/ping', '/status'] as const;

/**
 * Route definitions naming a candidate path, in the styles of Express/Fastify (`app.get('/health'`), Flask
 * (`@app.route("/health")`, `@bp.get`), FastAPI (`@app.get("/health")`), Go net/http (`HandleFunc("/health"`,
 * `"GET /health"`), gin (`r.GET("/health"`) and echo (`e.GET("/health"`).
 */
const ROUTE =
  /(?:\.(?:get|head|all|route|api_route|GET|HEAD|Any|Handle|HandleFunc)|\b(?:HandleFunc|Handle|route)|\bget)\s*\(\s*(?:\{\s*(?:method:\s*['"][A-Z]+['"],\s*)?url:\s*)?['"`](?:(?:GET|HEAD)\s+)?(\/(?:healthz|health|livez|readyz|ping|status))\/?['"`]/g;

const SOURCE = /\.(?:[cm]?[jt]s|py|go)$/;
/** Dependencies, build output and virtual environments: not the app's own routes. */
const SKIP = new Set([
  'node_modules',
  '.venv',
  'venv',
  'vendor',
  '.git',
  'dist',
  'build',
  '__pycache__',
  'target',
  'test',
  'tests',
  'coverage',
]);
export const HEALTH_SCAN_LIMITS = { depth: 4, files: 200, fileBytes: 128 * 1024 } as const;

export interface DetectedHealthPath {
  readonly path: string;
  /** The file that defines the route, relative to the project. */
  readonly file: string;
}

/** The probe path the app's own sources define, if any (a bounded walk: small files, few of them, shallow). */
export async function detectHealthPath(dir: string): Promise<DetectedHealthPath | undefined> {
  const found = new Map<string, string>();
  let budget: number = HEALTH_SCAN_LIMITS.files;
  const walk = async (at: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (budget <= 0) return;
      if (
        entry.isDirectory() &&
        depth < HEALTH_SCAN_LIMITS.depth &&
        !SKIP.has(entry.name) &&
        !entry.name.startsWith('.')
      ) {
        await walk(join(at, entry.name), depth + 1);
      } else if (
        entry.isFile() &&
        SOURCE.test(entry.name) &&
        !/\.(?:test|spec|d)\.[cm]?[jt]s$|_test\.go$|^test_/.test(entry.name)
      ) {
        budget -= 1;
        const file = relative(dir, join(at, entry.name));
        // readText refuses files over the limit (generated bundles), reading them as ''.
        for (const match of (await readText(at, entry.name, HEALTH_SCAN_LIMITS.fileBytes)).matchAll(ROUTE)) {
          const path = match[1];
          if (path !== undefined && !found.has(path)) found.set(path, file);
        }
      }
    }
  };
  await walk(dir, 0);
  for (const path of CANDIDATES) {
    const file = found.get(path);
    if (file !== undefined) return { path, file };
  }
  return undefined;
}
