/**
 * The seeded generator the fuzz tests share (mulberry32: small, fast, deterministic), so a failing case reproduces
 * from its seed and index.
 */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer and choice helpers over one generator. */
export function picker(next: () => number) {
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { int, pick };
}

/** What a fuzz case may never do: exit outside {0,1,2}, crash, print a stack, hang, or break the `--json` promise. */
export function fuzzProblems(
  run: { code: number; stdout: string; stderr: string },
  options: { seconds: number; json: boolean; maxSeconds?: number; maxStderrBytes?: number },
): string[] {
  const output = `${run.stdout}${run.stderr}`;
  const problems = [
    ![0, 1, 2].includes(run.code) && `exit ${run.code}`,
    /crashed/.test(output) && 'crashed',
    /\n\s+at .+:\d+:\d+\)?\n/.test(output) && 'a stack trace',
    options.seconds > (options.maxSeconds ?? 5) && `took ${options.seconds.toFixed(1)} s`,
    options.maxStderrBytes !== undefined &&
      run.stderr.length > options.maxStderrBytes &&
      `${run.stderr.length} bytes on stderr`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (options.json && run.code !== 2) {
    try {
      JSON.parse(run.stdout);
    } catch {
      problems.push('--json printed something other than one JSON document');
    }
  }
  return problems;
}
