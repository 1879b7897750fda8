import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../src/config/load.js';
import { MINIMAL_CONFIG } from '../support/config.js';

const VALID = MINIMAL_CONFIG;

function linesOf(text: string) {
  try {
    parseConfigText(text, { path: '/repo/hatoba.yml', cwd: '/repo', env: {} });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.line);
    throw error;
  }
  return [];
}

function problemsOf(text: string, env: Record<string, string> = {}) {
  try {
    parseConfigText(text, { path: '/repo/hatoba.yml', cwd: '/repo', env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

/** Appends YAML to the valid base; later keys of the same section are merged by writing whole sections. */
const withSection = (yaml: string) => `${VALID}${yaml}`;
/** Adds keys under `github:` (each line indented by two spaces). */
const github = (yaml: string) =>
  VALID.replace('repository: example-org/hello-service\n', `repository: example-org/hello-service\n${yaml}`);

/** Branch names git refuses (git check-ref-format --branch), and wildcards that need the explicit opt-in. */
function refNameCases(): [string, string, string[]][] {
  const branch = (name: string, reason: string): [string, string, string[]] => [
    `branch ${JSON.stringify(name)}`,
    github(`  branches: [${JSON.stringify(name)}]\n`),
    [`github.branches.0: ${JSON.stringify(name)} is not a valid branch name (git check-ref-format: ${reason})`],
  ];
  const wildcard = (name: string): [string, string, string[]] => [
    `wildcard branch ${JSON.stringify(name)} without the opt-in`,
    github(`  branches: [${JSON.stringify(name)}]\n`),
    [
      `github.branches.0: ${JSON.stringify(name)} is a pattern: * and ? would trust every matching branch, including ones created later; list exact branch names, or set github.trustBranchPatterns: true`,
    ],
  ];
  return [
    branch('-main', 'must not start with "-"'),
    branch('HEAD', '"HEAD" is reserved'),
    branch('a.lock', 'no component ending in ".lock"'),
    branch('feature/.hidden', 'no component starting with "."'),
    branch('main.', 'must not end with "."'),
    branch('a//b', 'no empty component (leading, trailing or double "/")'),
    branch('/main', 'no empty component (leading, trailing or double "/")'),
    branch('a@{1}', 'no "@{"'),
    branch('a\\b', 'no "\\\\"'),
    branch('a[1]', 'no "["'),
    branch('a~1', 'no "~"'),
    branch('a^', 'no "^"'),
    branch('a:b', 'no ":"'),
    branch('my branch', 'no spaces or control characters'),
    branch('a\u0007b', 'no spaces or control characters'),
    branch('', 'must not be empty'),
    wildcard('*'),
    wildcard('main*'),
    wildcard('?'),
    wildcard('feature/*'),
    [
      'wildcard environment without the opt-in',
      github('  environment: "*"\n'),
      [
        'github.environment: "*" is a pattern: * and ? would trust every matching environment; name the one environment, or set github.trustEnvironmentPattern: true',
      ],
    ],
    [
      'environment with a control character',
      github('  environment: "prod\\u0000"\n'),
      [
        'github.environment: "prod\\u0000" is not a valid GitHub environment name (1–255 characters, no spaces, control characters, quotes or commas)',
      ],
    ],
    [
      'tag with a character git refuses',
      github('  tags: ["v1:2"]\n'),
      ['github.tags.0: "v1:2" is not a valid tag name or pattern (git check-ref-format: no ":")'],
    ],
  ];
}

describe('hatoba.yml validation', () => {
  it('accepts the minimal file and fills every default', () => {
    const { config } = parseConfigText(VALID, { path: '/repo/hatoba.yml', cwd: '/repo', env: {} });
    expect(config.ecr).toEqual({
      repository: 'hello-service',
      tagMutability: 'IMMUTABLE',
      scanOnPush: true,
      keepImages: 30,
    });
    expect(config.ecs.cluster).toBe('hello-service');
    expect(config.ecs.container.port).toBe(8080);
    expect(config.github.branches).toEqual(['main']);
    expect(config.github.audience).toBe('sts.amazonaws.com');
    expect(config.ecs.loadBalancer.deregistrationDelaySeconds).toBe(10);
  });

  // Each case: the file, then the exact `path: message` lines it must produce.
  const cases: [string, string, string[]][] = [
    [
      'app name with capitals',
      VALID.replace('app: hello-service', 'app: Hello_Service'),
      ['app: "Hello_Service" is not a valid app name (2–40 lowercase letters, digits and -, starting with a letter)'],
    ],
    [
      'repository without owner',
      VALID.replace('example-org/hello-service', 'hello-service'),
      ['github.repository: "hello-service" must be `owner/repo`, e.g. `octo-org/hello-service`'],
    ],
    [
      'owner with a leading hyphen and a repo with a space',
      VALID.replace('example-org/hello-service', '-org/hello service'),
      [
        'github.repository: owner "-org" is not a valid GitHub owner (1–39 letters, digits or single hyphens, not starting or ending with -)',
        'github.repository: repository name "hello service" is not valid (1–100 letters, digits, ., _ and -)',
      ],
    ],
    [
      'unquoted account number',
      VALID.replace("'123456789012'", '123456789012'),
      [
        "aws.account: must be a 12-digit account id in quotes, e.g. '012345678901' (got 123456789012; YAML reads unquoted numbers and drops leading zeros)",
      ],
    ],
    [
      'account with 11 digits',
      VALID.replace("'123456789012'", "'12345678901'"),
      ['aws.account: "12345678901" is not an AWS account id (exactly 12 digits)'],
    ],
    [
      'unknown region',
      VALID.replace('eu-west-1', 'eu-west-9'),
      ['aws.region: "eu-west-9" is not an AWS Region with Fargate (e.g. us-east-1, ap-northeast-1)'],
    ],
    ['missing required sections', 'app: hello-service\n', ['github: is required', 'aws: is required']],
    [
      'unknown key (typo)',
      withSection('ecs:\n  desiredcount: 2\n'),
      ['ecs.desiredcount: unknown key (see `hatoba config schema` for the keys allowed here)'],
    ],
    [
      'ECR name with capitals',
      withSection('ecr:\n  repository: Hello\n'),
      [
        'ecr.repository: "Hello" is not a valid ECR repository name (2–256 lowercase letters, digits, and . _ - / between them)',
      ],
    ],
    [
      'keepImages below the rollback floor',
      withSection('ecr:\n  keepImages: 2\n'),
      ['ecr.keepImages: 2 is below the minimum 5'],
    ],
    [
      'cpu that Fargate does not offer',
      withSection('ecs:\n  cpu: 300\n'),
      ['ecs.cpu: 300 is not a Fargate cpu value (one of 256, 512, 1024, 2048, 4096, 8192, 16384)'],
    ],
    [
      'memory too large for 256 cpu',
      withSection('ecs:\n  cpu: 256\n  memory: 4096\n'),
      ['ecs.memory: 4096 MiB is not a valid Fargate size for cpu 256 (allowed: 512, 1024, 2048 MiB)'],
    ],
    [
      'memory off the 4 GiB step for 8192 cpu',
      withSection('ecs:\n  cpu: 8192\n  memory: 18432\n'),
      ['ecs.memory: 18432 MiB is not a valid Fargate size for cpu 8192 (allowed: 16384–61440 MiB in steps of 4096)'],
    ],
    [
      'architecture in lower case',
      withSection('ecs:\n  architecture: arm64\n'),
      ['ecs.architecture: "arm64" is not one of "X86_64", "ARM64"'],
    ],
    [
      'port out of range',
      withSection('ecs:\n  container:\n    port: 70000\n'),
      ['ecs.container.port: 70000 is not a port (1–65535)'],
    ],
    [
      'health check path without slash',
      withSection('ecs:\n  container:\n    healthCheckPath: healthz\n'),
      ['ecs.container.healthCheckPath: "healthz" must be a URL path starting with `/`'],
    ],
    [
      'a secret value instead of an ARN',
      withSection('ecs:\n  container:\n    secrets:\n      DB_PASSWORD: hunter2\n'),
      [
        'ecs.container.secrets.DB_PASSWORD: is not a Secrets Manager secret ARN or SSM parameter ARN (values never go in hatoba.yml; the value is not shown)',
      ],
    ],
    [
      'AWS keys as plain environment',
      withSection('ecs:\n  container:\n    environment:\n      AWS_SECRET_ACCESS_KEY: x\n'),
      [
        'ecs.container.environment.AWS_SECRET_ACCESS_KEY: AWS_SECRET_ACCESS_KEY must never be a plain environment variable: use ecs.container.secrets with a Secrets Manager ARN',
      ],
    ],
    [
      'invalid environment variable name',
      withSection('ecs:\n  container:\n    environment:\n      1BAD: x\n'),
      ['ecs.container.environment.1BAD: "1BAD" is not a valid environment variable name'],
    ],
    [
      'immutable subject without ids',
      withSection('').replace(
        'repository: example-org/hello-service',
        'repository: example-org/hello-service\n  subject:\n    format: immutable',
      ),
      [
        'github.subject: format `immutable` needs ownerId and repositoryId (find them with `gh api repos/OWNER/REPO --jq ".owner.id, .id"`)',
      ],
    ],
    [
      'nothing trusted',
      VALID.replace('repository: example-org/hello-service', 'repository: example-org/hello-service\n  branches: []'),
      ['github.branches: nothing would be trusted: give at least one branch, tag pattern or an environment'],
    ],
    [
      'branch name with ..',
      VALID.replace(
        'repository: example-org/hello-service',
        'repository: example-org/hello-service\n  branches: [a..b]',
      ),
      ['github.branches.0: "a..b" is not a valid branch name (git check-ref-format: no "..")'],
    ],
    [
      'existing VPC with one subnet',
      withSection('network:\n  vpcId: vpc-0123456789abcdef0\n  subnetIds: [subnet-0123456789abcdef0]\n'),
      ['network.subnetIds: an existing VPC needs at least two subnetIds in different Availability Zones'],
    ],
    [
      'subnets without a VPC',
      withSection('network:\n  subnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n'),
      ['network.vpcId: subnetIds were given without vpcId; set network.vpcId to the VPC they belong to'],
    ],
    [
      'certificate that is not an ACM ARN',
      withSection('ecs:\n  loadBalancer:\n    certificateArn: my-cert\n'),
      ['ecs.loadBalancer.certificateArn: "my-cert" is not an ACM certificate ARN'],
    ],
    ['not a mapping', '- a\n- b\n', [': must be a mapping of keys (app, github, aws, …)']],
    ...refNameCases(),
    [
      'a key given twice',
      withSection('ecs:\n  cpu: 256\n  cpu: 512\n'),
      ['ecs.cpu: duplicate key (first on line 8); give each key once'],
    ],
    ['a section that is null', withSection('ecs: ~\n'), ['ecs: expected object, got null']],
    [
      'memory 0: the minimum for the chosen cpu',
      withSection('ecs:\n  memory: 0\n'),
      ['ecs.memory: 0 MiB is below the minimum for cpu 256 (allowed: 512, 1024, 2048 MiB)'],
    ],
    [
      'memory below the minimum of a larger cpu',
      withSection('ecs:\n  cpu: 4096\n  memory: 4096\n'),
      ['ecs.memory: 4096 MiB is below the minimum for cpu 4096 (allowed: 8192–30720 MiB in steps of 1024)'],
    ],
    [
      'empty audience',
      github('  audience: ""\n'),
      [
        'github.audience: must not be empty: the audience the deploy job requests, usually sts.amazonaws.com (leave the key out for the default)',
      ],
    ],
    [
      'a long value is quoted by a short prefix only',
      VALID.replace('app: hello-service', `app: ${'A'.repeat(100_000)}`),
      [
        `app: "${'A'.repeat(60)}"… is not a valid app name (2–40 lowercase letters, digits and -, starting with a letter)`,
      ],
    ],
    [
      'a huge unknown key is shortened too',
      withSection(`? ${'k'.repeat(5000)}\n: 1\n`),
      [`${'k'.repeat(60)}…: unknown key (see \`hatoba config schema\` for the keys allowed here)`],
    ],
    [
      'a mapping where a string belongs is described, not dumped',
      VALID.replace('app: hello-service', 'app: {a: 1}'),
      ['app: expected a string, got a mapping'],
    ],
    [
      'a plain environment value of the wrong type is not echoed',
      withSection('ecs:\n  container:\n    environment:\n      DB_PASSWORD: 123456789\n'),
      ['ecs.container.environment.DB_PASSWORD: must be a string; quote numbers and booleans (the value is not shown)'],
    ],
  ];

  it.each(cases)('%s', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });

  it('reports every problem of a file at once, with line numbers', () => {
    const text = withSection('ecs:\n  cpu: 300\n  container:\n    port: 0\n').replace('eu-west-1', 'mars-1');
    try {
      parseConfigText(text, { path: '/repo/hatoba.yml', cwd: '/repo', env: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems, message } = error as ConfigError;
      expect(problems.map((p) => [p.path, p.line])).toEqual([
        ['aws.region', 6],
        ['ecs.cpu', 8],
        ['ecs.container.port', 10],
      ]);
      expect(message).toMatch(/^hatoba\.yml is invalid \(3 problems\):\n {2}line 6: aws\.region: "mars-1"/);
    }
  });

  it('checks cpu against memory even when another ecs key is invalid', () => {
    expect(problemsOf(withSection('ecs:\n  cpu: 256\n  memory: 4096\n  container:\n    port: 0\n'))).toEqual([
      'ecs.memory: 4096 MiB is not a valid Fargate size for cpu 256 (allowed: 512, 1024, 2048 MiB)',
      'ecs.container.port: 0 is not a port (1–65535)',
    ]);
  });

  it('rejects invalid YAML with the line', () => {
    expect(problemsOf('app: [unclosed\n')[0]).toMatch(/^: not valid YAML: /);
    const lines = linesOf('app: web\ngithub:\n  repository: a/b\n   bad: [\n');
    expect(lines[0]).toBe(3);
    expect(lines.every((line) => typeof line === 'number')).toBe(true);
  });

  it('lists the first problems of a file with thousands, and counts them all', () => {
    const text = unknownKeys(5000);
    try {
      parseConfigText(text, { path: '/repo/hatoba.yml', cwd: '/repo', env: {} });
      expect.unreachable();
    } catch (error) {
      const { problems, total, message } = error as ConfigError;
      expect([problems.length, total]).toEqual([50, 5000]);
      expect(problems[49]).toEqual({
        path: 'k49',
        message: expect.stringMatching(/^unknown key/),
        line: 56,
        text: { id: 'problem.unknown-key', params: {} },
      });
      expect(message).toMatch(/^hatoba\.yml is invalid \(5000 problems, the first 50 shown\):\n/);
    }
  });

  it('takes time in proportion to the number of problems, not its square', () => {
    // Relative to a run with a tenth of the problems on the same machine, so load slows both alike: linear work
    // grows about 10×, quadratic 100×. The best of three runs each irons out a pause.
    const best = (text: string) =>
      Math.min(
        ...[1, 2, 3].map(() => {
          const started = performance.now();
          expect(() => parseConfigText(text, { path: '/repo/hatoba.yml', cwd: '/repo', env: {} })).toThrow();
          return performance.now() - started;
        }),
      );
    const small = best(unknownKeys(500));
    const large = best(unknownKeys(5000));
    expect(large / small).toBeLessThan(40);
  });

  it('refuses a YAML alias bomb, naming the line of the first alias', () => {
    const bomb = `${VALID}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    expect(problemsOf(bomb)).toEqual([
      ': aliases (*name) expand to too much data (a YAML "billion laughs" document); hatoba.yml needs no aliases',
    ]);
    expect(linesOf(bomb)).toEqual([8]);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'accepts the environment variable name %s in environment and in secrets',
    (name) => {
      const arn = 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/key';
      const environment = parseConfigText(withSection(`ecs:\n  container:\n    environment:\n      ${name}: plain\n`), {
        path: '/repo/hatoba.yml',
        cwd: '/repo',
        env: {},
      }).config.ecs.container.environment;
      expect(Object.entries(environment)).toEqual([[name, 'plain']]);
      const secrets = parseConfigText(withSection(`ecs:\n  container:\n    secrets:\n      ${name}: ${arn}\n`), {
        path: '/repo/hatoba.yml',
        cwd: '/repo',
        env: {},
      }).config.ecs.container.secrets;
      expect(Object.entries(secrets)).toEqual([[name, arn]]);
      expect(Object.getPrototypeOf(secrets)).toBe(Object.getPrototypeOf(environment));
    },
  );

  it('still refuses a name set in both environment and secrets', () => {
    const arn = 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/key';
    expect(
      problemsOf(withSection(`ecs:\n  container:\n    environment:\n      KEY: a\n    secrets:\n      KEY: ${arn}\n`)),
    ).toEqual(['ecs.container.environment.KEY: KEY is set in both environment and secrets; keep only one']);
  });

  it('accepts wildcards with the explicit opt-ins and keeps tag patterns', () => {
    const { config } = parseConfigText(
      github(
        '  branches: ["release/*"]\n  trustBranchPatterns: true\n  tags: ["v*"]\n  environment: "preview-*"\n  trustEnvironmentPattern: true\n',
      ),
      { path: '/repo/hatoba.yml', cwd: '/repo', env: {} },
    );
    expect([config.github.branches, config.github.tags, config.github.environment]).toEqual([
      ['release/*'],
      ['v*'],
      'preview-*',
    ]);
  });

  it('names the environment variable that supplied a bad value', () => {
    expect(problemsOf(VALID, { HATOBA_AWS_REGION: 'nowhere-1' })).toEqual([
      'aws.region: "nowhere-1" is not an AWS Region with Fargate (e.g. us-east-1, ap-northeast-1) (from HATOBA_AWS_REGION)',
    ]);
  });
});

describe('precedence: flag > environment > file > default', () => {
  const load = (env: Record<string, string>, flag?: string) =>
    parseConfigText(VALID, {
      path: '/repo/hatoba.yml',
      cwd: '/repo',
      env,
      flags: { 'aws.region': flag === undefined ? undefined : { value: flag, flag: '--region' } },
    });

  it.each([
    ['file', {}, undefined, 'eu-west-1', undefined],
    ['environment over file', { HATOBA_AWS_REGION: 'us-east-1' }, undefined, 'us-east-1', 'HATOBA_AWS_REGION'],
    ['flag over environment', { HATOBA_AWS_REGION: 'us-east-1' }, 'ap-northeast-1', 'ap-northeast-1', '--region'],
  ] as const)('%s', (_name, env, flag, region, origin) => {
    const loaded = load({ ...env }, flag);
    expect(loaded.config.aws.region).toBe(region);
    expect(loaded.overrides['aws.region']?.name).toBe(origin);
  });

  it('derives the audience from the partition', () => {
    expect(load({ HATOBA_AWS_REGION: 'cn-north-1' }).config.github.audience).toBe('sts.amazonaws.com.cn');
    expect(load({ HATOBA_AWS_REGION: 'cn-north-1' }).config.aws.partition).toBe('aws-cn');
  });

  it('defaults names to the app', () => {
    const { config } = load({ HATOBA_ECS_SERVICE: 'web' });
    expect([config.ecs.cluster, config.ecs.service, config.ecr.repository]).toEqual([
      'hello-service',
      'web',
      'hello-service',
    ]);
  });
});

/** A valid hatoba.yml followed by `count` unknown top-level keys. */
function unknownKeys(count: number): string {
  return `${VALID}${Array.from({ length: count }, (_, i) => `k${i}: 1`).join('\n')}\n`;
}
