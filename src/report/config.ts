import type { EnvironmentSummary } from '../config/environment-summary.js';
import { line, type Style, type Writer } from './output.js';

/** The environments of a valid file, one line each with what it overrides, and which one the YAML below shows. */
export function printEnvironments(
  out: Writer,
  s: Style,
  environments: readonly EnvironmentSummary[],
  build: { readonly account: string; readonly region: string },
  shown: string,
): void {
  line(
    out,
    `  ${environments.length} environment${environments.length === 1 ? '' : 's'}, in promotion order; the image is built in ${build.account} ${build.region}:`,
  );
  const width = (pick: (e: EnvironmentSummary) => string) => Math.max(...environments.map((e) => pick(e).length));
  const [name, where, github] = [
    width((e) => e.name),
    width((e) => `${e.account} ${e.region}`),
    width((e) => e.githubEnvironment),
  ];
  for (const e of environments) {
    line(
      out,
      `    ${s.bold(e.name.padEnd(name))}  ${`${e.account} ${e.region}`.padEnd(where)}  GitHub environment ${e.githubEnvironment.padEnd(github)}  cluster ${e.cluster}, service ${e.service}`,
    );
    const overrides = e.overrides.length === 0 ? 'inherits every key' : `overrides ${e.overrides.join(', ')}`;
    line(out, s.dim(`    ${' '.repeat(name)}  ${overrides}`));
  }
  line(out, s.dim(`  the configuration below is ${shown}'s (--environment NAME for another)`));
}

/** The one line a single-environment file gets: how to grow it into several. */
export const SPLIT_HINT =
  'hint: one environment; to promote the same image through several (staging, production), add `environments` (see docs/environments.md)';
