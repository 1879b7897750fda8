import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENVIRONMENT_OVERRIDES } from '../../src/config/load.js';

/** The built CLI, as `npx hatoba` runs it (bin/hatoba.js → dist/). */
export const HATOBA_BIN = fileURLToPath(new URL('../../bin/hatoba.js', import.meta.url));
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface HatobaRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

/**
 * The environment a live command runs with: the caller's (AWS credentials, Docker), minus the HATOBA_* variables
 * that would override the run's hatoba.yml (say, a HATOBA_AWS_ACCOUNT left over in the shell), without colours.
 */
export function hatobaEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !(name in ENVIRONMENT_OVERRIDES)) clean[name] = value;
  }
  return { ...clean, NO_COLOR: '1' };
}

/**
 * `node bin/hatoba.js ARGS…` in `cwd`. stdout (the --json document) is captured; stderr (progress) is captured and
 * also shown as it comes, so a person watching a 10-minute `up` sees it move.
 */
export function runHatoba(args: readonly string[], cwd: string): Promise<HatobaRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HATOBA_BIN, ...args], { cwd, env: hatobaEnv(process.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      process.stderr.write(chunk.replace(/^(?=.)/gm, `[hatoba ${args[0]}] `));
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, elapsedMs: Date.now() - started }),
    );
  });
}

/** The one JSON document a `--json` command printed, or an error that shows what it printed instead. */
export function jsonOf<T>(run: HatobaRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`expected one JSON document on stdout (exit ${run.code}); got:\n${run.stdout}\n${run.stderr}`);
  }
}
