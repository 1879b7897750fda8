import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientException, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, test } from 'vitest';
import { AWS_LIMITS, containerVariablesBytes, TASK_DEFINITION_RESERVE_BYTES } from '../../src/config/aws-limits.js';
import { parseConfigText } from '../../src/config/load.js';
import { renderTaskDefinition } from '../../src/deploy/render.js';
import { FakeEcs } from '../deploy/fake-ecs/fake-ecs.js';
import { NEW_IMAGE, SCENARIOS } from '../deploy/fake-ecs/scenarios.js';
import { runCli } from '../support/cli.js';

const BASE =
  'app: hello-service\ngithub:\n  repository: octo-org/hello-service\n' +
  'aws:\n  account: "123456789012"\n  region: eu-west-1\n';

/** `count` environment variables of `size`-byte values. */
const environment = (count: number, size: number) =>
  `ecs:\n  container:\n    environment:\n${Array.from({ length: count }, (_, i) => `      VAR_${i}: "${'v'.repeat(size)}"`).join('\n')}\n`;

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('environment and secrets over the ECS task definition size', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test.each([
    // config validate's verdict on an invalid file is 1; the others cannot go on (2).
    ['config validate', ['config', 'validate'], 1],
    ['synth', ['synth'], 2],
    ['deploy', ['deploy', '--image', NEW_IMAGE], 2],
  ])('%s refuses 1,000 variables before calling AWS, naming ecs.container.environment', async (_, argv, code) => {
    dir = await mkdtemp(join(tmpdir(), 'hatoba-taskdef-'));
    await writeFile(join(dir, 'hatoba.yml'), BASE + environment(1_000, 60));
    const fake = new FakeEcs(SCENARIOS.healthy);
    try {
      const result = await runCli(argv, { cwd: dir, clock: fake.clock });
      expect(result.stderr).not.toContain('crashed');
      expect(result.stderr).toContain('ecs.container.environment');
      expect(result.stderr).toContain("ECS's task definition size limit (65,536 bytes)");
      expect(result.code).toBe(code);
      expect(fake.calls.map((c) => c.operation)).not.toContain('RegisterTaskDefinition');
    } finally {
      fake.restore();
    }
  });

  test('what hatoba.yml accepts, ECS accepts: the longest names fit the reserve, the largest variables the rest', () => {
    const outputs = {
      taskFamily: 'f'.repeat(255),
      // Role names are at most 64 characters (IAM quotas); hatoba's roles have no path.
      executionRoleArn: `arn:aws-us-gov:iam::123456789012:role/${'r'.repeat(64)}`,
      taskRoleArn: `arn:aws-us-gov:iam::123456789012:role/${'t'.repeat(64)}`,
      logGroupName: 'l'.repeat(512),
    };
    const image = `123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/${'i'.repeat(256)}@sha256:${'ab'.repeat(32)}`;
    const long = `${'a'.repeat(40)}\ngithub:\n  repository: octo-org/x\naws:\n  account: "123456789012"\n  region: us-gov-west-1\necs:\n  container:\n    name: ${'c'.repeat(255)}\n    user: "4294967294:4294967294"\n`;
    const parse = (text: string) =>
      parseConfigText(`app: ${text}`, { path: 'hatoba.yml', cwd: process.cwd(), env: {} }).config;
    const empty = renderTaskDefinition(parse(long), { image, outputs });
    expect(bytes(empty)).toBeLessThanOrEqual(TASK_DEFINITION_RESERVE_BYTES);

    // The largest single value the check lets through, next to those longest names.
    const room = AWS_LIMITS.taskDefinitionBytes - TASK_DEFINITION_RESERVE_BYTES;
    const padding = room - containerVariablesBytes({ A: '' }, {});
    const full = parse(`${long}    environment:\n      A: "${'v'.repeat(padding)}"\n`);
    expect(containerVariablesBytes(full.ecs.container.environment, {})).toBe(room);
    expect(bytes(renderTaskDefinition(full, { image, outputs }))).toBeLessThanOrEqual(AWS_LIMITS.taskDefinitionBytes);
    // One byte more is refused.
    expect(() => parse(`${long}    environment:\n      A: "${'v'.repeat(padding + 1)}"\n`)).toThrow(
      'ecs.container.environment',
    );
  });

  test('the fake ECS answers a task definition over 64 KiB as ECS does', () => {
    const fake = new FakeEcs(SCENARIOS.healthy);
    try {
      const request = (size: number): RegisterTaskDefinitionCommandInput => {
        const input = { family: 'hello-service', containerDefinitions: [{ name: 'app', image: NEW_IMAGE }] };
        const value = 'v'.repeat(
          size -
            bytes({
              ...input,
              containerDefinitions: [{ name: 'app', image: NEW_IMAGE, environment: [{ name: 'A', value: '' }] }],
            }),
        );
        return {
          ...input,
          containerDefinitions: [{ name: 'app', image: NEW_IMAGE, environment: [{ name: 'A', value }] }],
        };
      };
      expect(bytes(request(65_536))).toBe(65_536);
      expect(() => fake.call('RegisterTaskDefinition', request(65_536))).not.toThrow();
      const over = () => fake.call('RegisterTaskDefinition', request(65_537));
      expect(over).toThrow(ClientException);
      expect(over).toThrow("Actual length: '65537'. Max allowed length is '65536' bytes.");
    } finally {
      fake.restore();
    }
  });
});
