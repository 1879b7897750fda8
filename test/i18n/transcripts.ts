// Prints what `hatoba explain`, `lint` and `rehearse` show with `--lang ja`, run through the real CLI (`main`) offline,
// as Markdown for the `<!-- transcript: ja -->` blocks of docs/ja/explain.md, lint.md and rehearse.md.
// `npx tsx test/i18n/transcripts.ts [run …]`. The deploy ones come from test/deploy/fake-ecs/transcripts.ts.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Docker } from '../../src/rehearse/docker.js';
import { runCli } from '../support/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (path: string) => join(root, path);

/** The hand-written workflow docs/lint.md lints: the YAML block right before its first `$ hatoba lint` transcript. */
async function lintPageWorkflow(): Promise<string> {
  const page = await readFile(fixture('docs/lint.md'), 'utf8');
  const workflow = /^```yaml\n([\s\S]*?)\n```\n\n```\n\$ hatoba lint\n/m.exec(page)?.[1];
  if (workflow === undefined) throw new Error('docs/lint.md: no YAML block before the `$ hatoba lint` transcript');
  return `${workflow}\n`;
}

// rehearse checks for a Docker Engine and the registry image before it issues a token. This `docker` answers those two
// checks as Docker 28 does on amd64 and fails anything else, so a run that goes past the trust step shows it.
const DOCKER = `#!/bin/sh
case "$1 $2" in
  "version --format") echo amd64 ;;
  "image inspect") echo sha256:0000000000000000000000000000000000000000000000000000000000000000 ;;
  *) echo "not part of this transcript: docker $*" >&2; exit 1 ;;
esac
`;

interface Run {
  readonly description: string;
  readonly argv: readonly string[];
  /** Files of the directory the command runs in (a fresh temporary one), by path; the repository when absent. */
  readonly files?: () => Promise<Record<string, string>>;
  /** Runs with the stand-in `docker` above. */
  readonly docker?: true;
}

const RUNS: Record<string, Run> = {
  'explain-environment-ja': {
    description: 'a job with `environment: production` against a role that trusts main',
    argv: ['explain', '--sub', 'repo:octo-org/web:environment:production', '--trust-policy', 'role.json'],
    files: async () => ({ 'role.json': await readFile(fixture('test/fixtures/iam/trust-main.json'), 'utf8') }),
  },
  'lint-ja': {
    description: "docs/lint.md's hand-written workflow next to the hello-service hatoba.yml",
    argv: ['lint'],
    files: async () => ({
      'hatoba.yml': await readFile(fixture('examples/hello-service/hatoba.yml'), 'utf8'),
      '.github/workflows/deploy.yml': await lintPageWorkflow(),
    }),
  },
  'rehearse-pull-request-ja': {
    description: 'a pull_request token, denied at the trust step (before any build)',
    argv: ['rehearse', '--config', 'examples/hello-service/hatoba.yml', '--event', 'pull_request'],
    docker: true,
  },
};

async function run(name: string, { argv, files, docker }: Run): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), `hatoba-${name}-`));
  const dir = files === undefined ? root : scratch;
  try {
    for (const [path, text] of Object.entries((await files?.()) ?? {})) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const env = { PATH: process.env.PATH };
    const fake = join(scratch, 'docker');
    await writeFile(fake, DOCKER);
    await chmod(fake, 0o755);
    const withLang = [...argv, '--lang', 'ja'];
    const result = await runCli(withLang, {
      cwd: dir,
      env,
      ...(docker ? { docker: async () => new Docker(env, fake) } : {}),
    });
    return `$ hatoba ${withLang.join(' ')}\n${result.stderr}${result.stdout}$ echo $?\n${result.code}\n`;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const wanted = process.argv.slice(2);
for (const [name, spec] of Object.entries(RUNS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`<!-- ${name}: ${spec.description} -->`);
  process.stdout.write(`\`\`\`console\n${await run(name, spec)}\`\`\`\n\n`);
}
