// Prints what `hatoba up` and `hatoba diff` show, run through the real CLI (`main`) against a fake AWS account
// (aws-sdk-client-mock: STS, IAM, ECS; a small fake CloudFormation) on a virtual clock, as Markdown for
// docs/up.md and docs/diff.md. Stack events come from the fake, in the order the templates list resources.
// `npx tsx test/infra/transcripts.ts [run …]`
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Change } from '@aws-sdk/client-cloudformation';
import { loadConfig } from '../../src/config/load.js';
import { PIPELINE_OUTPUTS, SERVICE_OUTPUTS } from '../../src/infra/outputs.js';
import { type SynthesizedStack, synthesize } from '../../src/infra/synth.js';
import { repositoryUri, resourceArns, resourceNames } from '../../src/naming.js';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { runCli } from '../support/cli.js';
import { type FakeAccountOptions, fakeAccount } from '../support/fake-account.js';
import type { Outcome } from '../support/fake-cloudformation.js';

const example = fileURLToPath(new URL('../../examples/hello-service', import.meta.url));
const { config } = await loadConfig({ configPath: join(example, 'hatoba.yml'), cwd: example, env: {} });
const names = resourceNames(config);
const arns = resourceArns(config);
const synthesis = await synthesize(config);
const reusing = await synthesize(config, { existingOidcProvider: true });

const created = (stack: SynthesizedStack, outputs: Record<string, string>): Outcome => ({
  changes: Object.entries(stack.template.Resources).map(([id, r]) => add(id, r.Type)),
  outputs,
  resources: Object.fromEntries(
    Object.entries(stack.template.Resources).map(([id, r]) => [id, { type: r.Type, physicalId: id }]),
  ),
});
const add = (id: string, type: string): Change => ({
  Type: 'Resource',
  ResourceChange: { Action: 'Add', LogicalResourceId: id, ResourceType: type },
});
const modify = (id: string, type: string, replacement: 'True' | 'False'): Change => ({
  Type: 'Resource',
  ResourceChange: { Action: 'Modify', LogicalResourceId: id, ResourceType: type, Replacement: replacement },
});
const logicalId = (stack: SynthesizedStack, type: string) =>
  Object.entries(stack.template.Resources).find(([, r]) => r.Type === type)?.[0] ?? type;

const pipelineOutputs = {
  [PIPELINE_OUTPUTS.deployRoleArn]: arns.deployRole,
  [PIPELINE_OUTPUTS.repositoryUri]: repositoryUri(config),
  [PIPELINE_OUTPUTS.repositoryName]: names.repository,
  [PIPELINE_OUTPUTS.oidcProviderArn]: arns.oidcProvider,
};
const serviceOutputs = {
  [SERVICE_OUTPUTS.clusterName]: names.cluster,
  [SERVICE_OUTPUTS.serviceName]: names.service,
  [SERVICE_OUTPUTS.taskFamily]: names.taskFamily,
  [SERVICE_OUTPUTS.executionRoleArn]: arns.executionRole,
  [SERVICE_OUTPUTS.taskRoleArn]: arns.taskRole,
  [SERVICE_OUTPUTS.logGroupName]: names.logGroupName,
  [SERVICE_OUTPUTS.targetGroupArn]:
    'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/hello-WebTa-8KXQ2ZJ1V0QF/5c1e9b0d2f3a4b6c',
  [SERVICE_OUTPUTS.url]: 'http://hello-WebLo-1NW4P9QK2H7ZD-1234567890.ap-northeast-1.elb.amazonaws.com',
};
const deployed = (fake: ReturnType<typeof fakeAccount>) =>
  fake.cloudformation
    .withStack(names.pipelineStack, {
      outputs: pipelineOutputs,
      resources: created(synthesis.pipeline, {}).resources ?? {},
    })
    .withStack(names.serviceStack, {
      outputs: serviceOutputs,
      resources: created(synthesis.service, {}).resources ?? {},
    });
const taskDefinitionReplaced = (fake: ReturnType<typeof fakeAccount>) => {
  deployed(fake);
  fake.cloudformation.withOutcome(names.serviceStack, {
    changes: [modify(logicalId(synthesis.service, 'AWS::ECS::TaskDefinition'), 'AWS::ECS::TaskDefinition', 'True')],
  });
};
// The adoption runs use ap-northeast-1 (`--region`), so their outputs name that Region.
const { config: tokyo } = await loadConfig({
  configPath: join(example, 'hatoba.yml'),
  cwd: example,
  env: { HATOBA_AWS_REGION: 'ap-northeast-1' },
});
const tokyoSynthesis = await synthesize(tokyo);
const handMade = {
  repositories: [{ name: names.repository, tags: { team: 'web' } }],
  logGroups: [{ name: names.logGroupName, retentionInDays: 14 }],
};
const adopted = (fake: ReturnType<typeof fakeAccount>) =>
  fake.cloudformation
    .withOutcome(names.pipelineStack, {
      ...created(tokyoSynthesis.pipeline, {
        [PIPELINE_OUTPUTS.deployRoleArn]: resourceArns(tokyo).deployRole,
        [PIPELINE_OUTPUTS.repositoryUri]: repositoryUri(tokyo),
        [PIPELINE_OUTPUTS.repositoryName]: names.repository,
        [PIPELINE_OUTPUTS.oidcProviderArn]: resourceArns(tokyo).oidcProvider,
      }),
    })
    .withOutcome(names.serviceStack, {
      ...created(tokyoSynthesis.service, {
        [SERVICE_OUTPUTS.clusterName]: names.cluster,
        [SERVICE_OUTPUTS.serviceName]: names.service,
        [SERVICE_OUTPUTS.url]: 'http://hello-WebLo-1NW4P9QK2H7ZD-1234567890.ap-northeast-1.elb.amazonaws.com',
      }),
    });
const running = { taskDefinition: `${arns.taskDefinitionFamily.slice(0, -1)}7`, desiredCount: 2 };

const RUNS: Record<
  string,
  { what: string; argv: string[]; account?: FakeAccountOptions; setup?: (fake: ReturnType<typeof fakeAccount>) => void }
> = {
  'up-first': {
    what: 'first run in an account without a GitHub OIDC provider',
    argv: ['up'],
    setup: (fake) =>
      fake.cloudformation
        .withOutcome(names.pipelineStack, created(synthesis.pipeline, pipelineOutputs))
        .withOutcome(names.serviceStack, created(synthesis.service, serviceOutputs)),
  },
  'up-again': {
    what: 'run again after CI deployed revision 7 with 2 tasks; nothing changed',
    argv: ['up'],
    account: { service: running },
    setup: deployed,
  },
  'up-failed': {
    what: 'first run in an account where ECS has never been used',
    argv: ['up'],
    account: { oidcProviders: [{ arn: arns.oidcProvider, audiences: ['sts.amazonaws.com'] }] },
    setup: (fake) =>
      fake.cloudformation
        .withOutcome(names.pipelineStack, created(reusing.pipeline, pipelineOutputs))
        .withOutcome(names.serviceStack, {
          ...created(synthesis.service, {}),
          fail: {
            logicalId: logicalId(synthesis.service, 'AWS::ECS::Service'),
            type: 'AWS::ECS::Service',
            reason:
              'Resource handler returned message: "Invalid request provided: CreateService error: Unable to assume the service linked role. Please verify that the ECS service linked role exists. (Service: Ecs, Status Code: 400, Request ID: 3f0c…)"',
          },
        }),
  },
  'up-conflict': {
    what: 'first run where the ECR repository and the log group were made by hand',
    argv: ['up', '--region', 'ap-northeast-1'],
    account: { existing: handMade },
    setup: adopted,
  },
  'up-adopt': {
    what: 'the same with --adopt (not on a terminal, so no question)',
    argv: ['up', '--adopt', '--region', 'ap-northeast-1'],
    account: { existing: handMade },
    setup: adopted,
  },
  'up-adopt-blocked': {
    what: 'the hand-made repository is encrypted with a KMS key',
    argv: ['up', '--adopt', '--region', 'ap-northeast-1'],
    account: {
      existing: {
        repositories: [
          {
            name: names.repository,
            encryption: { type: 'KMS', kmsKey: 'arn:aws:kms:ap-northeast-1:123456789012:key/0b1c2d3e' },
          },
        ],
      },
    },
  },
  'up-wrong-account': { what: 'credentials of another account', argv: ['up'], account: { account: '210987654321' } },
  'diff-update': {
    what: 'after raising ecs.container.stopTimeoutSeconds; CI had deployed revision 7 with 2 tasks',
    argv: ['diff'],
    account: { service: running },
    setup: taskDefinitionReplaced,
  },
  'diff-update-json': {
    what: 'the same, as JSON',
    argv: ['diff', '--json'],
    account: { service: running },
    setup: taskDefinitionReplaced,
  },
  'up-again-json': {
    what: 'up again, as JSON',
    argv: ['up', '--json'],
    account: { service: running },
    setup: deployed,
  },
  'diff-adopt': {
    what: 'before the first up, with a repository made by hand under the same name',
    argv: ['diff'],
    account: { existing: handMade },
    setup: (fake) =>
      fake.cloudformation
        .withOutcome(names.pipelineStack, created(synthesis.pipeline, {}))
        .withOutcome(names.serviceStack, created(synthesis.service, {})),
  },
  'diff-first': {
    what: 'before the first up',
    argv: ['diff'],
    setup: (fake) =>
      fake.cloudformation
        .withOutcome(names.pipelineStack, created(synthesis.pipeline, {}))
        .withOutcome(names.serviceStack, created(synthesis.service, {})),
  },
};

const wanted = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'hatoba-transcripts-'));
try {
  await cp(join(example, 'hatoba.yml'), join(dir, 'hatoba.yml'));
  for (const [name, run] of Object.entries(RUNS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const fake = fakeAccount(run.account);
    run.setup?.(fake);
    const result = await runCli(run.argv, { cwd: dir, clock: new VirtualClock(Date.UTC(2026, 0, 1, 12)) });
    fake.restore();
    console.log(`<!-- ${name}: ${run.what} (mocked AWS) -->`);
    console.log('```console');
    console.log(`$ hatoba ${run.argv.join(' ')}`);
    process.stdout.write(result.stdout + result.stderr);
    console.log(`$ echo $?\n${result.code}`);
    console.log('```\n');
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
