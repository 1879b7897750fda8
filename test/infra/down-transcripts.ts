// Prints what `hatoba down` shows, run through the real CLI (`main`) against a fake account (stateful fakes of
// CloudFormation, IAM, ECR and CloudWatch Logs; see test/support/fake-teardown.ts) on a virtual clock, as Markdown for
// docs/down.md. Stack events come from the fake, which deletes resources in reverse template order.
// `npx tsx test/infra/down-transcripts.ts [run …]`
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { synthesize } from '../../src/infra/synth.js';
import { resourceArns } from '../../src/naming.js';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { runCli } from '../support/cli.js';
import { federatedTrust, type TeardownAccountOptions, teardownAccount } from '../support/fake-teardown.js';

const example = fileURLToPath(new URL('../../examples/hello-service', import.meta.url));
const region = 'ap-northeast-1';
const { config } = await loadConfig({
  configPath: join(example, 'hatoba.yml'),
  cwd: example,
  env: { HATOBA_AWS_REGION: region },
});
const synthesis = await synthesize(config);
const provider = resourceArns(config).oidcProvider;

const RUNS: Record<string, { what: string; argv: string[]; account?: Partial<TeardownAccountOptions> }> = {
  'down-yes': { what: 'after up; the OIDC provider was created by the pipeline stack', argv: ['down', '--yes'] },
  'down-shared': {
    what: 'another repository’s deploy role trusts the same provider',
    argv: ['down', '--yes'],
    account: { otherRoles: [{ name: 'billing-github-deploy', trust: federatedTrust(provider) }] },
  },
  'down-purge': { what: 'with --purge', argv: ['down', '--yes', '--purge'] },
  'down-nothing': {
    what: 'run again',
    argv: ['down', '--yes'],
    account: { pipelineStatus: null, serviceStatus: null },
  },
  'down-busy': {
    what: 'while a deploy updates the service stack',
    argv: ['down', '--yes'],
    account: { serviceStatus: 'UPDATE_IN_PROGRESS' },
  },
  'down-no-terminal': { what: 'in CI, without --yes', argv: ['down'] },
  'down-json': { what: 'as JSON', argv: ['down', '--yes', '--json'] },
};

const wanted = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'hatoba-down-transcripts-'));
try {
  await cp(join(example, 'hatoba.yml'), join(dir, 'hatoba.yml'));
  for (const [name, run] of Object.entries(RUNS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const fake = teardownAccount({ config, pipeline: synthesis.pipeline, service: synthesis.service, ...run.account });
    const argv = [...run.argv, '--region', region];
    const result = await runCli(argv, {
      cwd: dir,
      clock: new VirtualClock(Date.UTC(2026, 0, 1, 12)),
      aws: async () => fake.clients,
      prompter: async () => undefined,
    });
    fake.restore();
    console.log(`<!-- ${name}: ${run.what} (mocked AWS) -->`);
    console.log('```console');
    // A JSON run shows the document alone: progress went to stderr.
    const json = argv.includes('--json');
    console.log(`$ hatoba ${argv.join(' ')}${json ? ' 2>/dev/null' : ''}`);
    process.stdout.write(json ? result.stdout : result.stdout + result.stderr);
    console.log(`$ echo $?\n${result.code}`);
    console.log('```\n');
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
