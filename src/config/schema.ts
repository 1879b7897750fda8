import { z } from 'zod';
import { type Message, message, say } from '../i18n/message.js';
import { CONFIG, type ConfigKey } from '../i18n/messages/config.js';
import { describeValue } from '../quote.js';
import { AWS_LIMITS, containerVariablesBytes, TASK_DEFINITION_RESERVE_BYTES } from './aws-limits.js';
import { BUILD_CACHE_EXPIRY_DAYS, BUILD_CACHE_TAG } from './build-cache.js';
import { environmentProblems } from './environment-rules.js';
import { describeFargateMemory, FARGATE_CPU_VALUES, fargateMemoryValues, fargateMinimumMemory } from './fargate.js';
import { refNameProblem } from './ref-name.js';
import { AWS_REGIONS, partitionOf } from './regions.js';
import { parseRoleArn } from './role-arn.js';
import { variables } from './variables.js';

/**
 * hatoba.yml, defined once. Every key has a description (it becomes the editor's hover text through the generated
 * JSON Schema) and a default where one makes sense. Names that default to `app` are resolved in `resolve.ts`.
 */

/** A string that must match `re`; the error quotes the value and states the rule. */
function matching(re: RegExp, rule: string) {
  return z
    .string({ error: (issue) => typeError(issue.input, 'a string') })
    .check((ctx) => {
      if (!re.test(ctx.value)) {
        ctx.issues.push({ code: 'custom', input: ctx.value, message: `${describeValue(ctx.value)} ${rule}` });
      }
    })
    .meta({ pattern: re.source });
}

function typeError(input: unknown, expected: string): string {
  if (input === undefined) return 'is required';
  return `expected ${expected}, got ${describeValue(input)}`;
}

function repositoryProblems(value: string): string[] {
  const parts = value.split('/');
  if (parts.length !== 2) return [`${describeValue(value)} must be \`owner/repo\`, e.g. \`octo-org/hello-service\``];
  const [owner = '', repo = ''] = parts;
  const problems: string[] = [];
  if (!GITHUB_OWNER.test(owner)) {
    problems.push(
      `owner ${describeValue(owner)} is not a valid GitHub owner (1–39 letters, digits or single hyphens, not starting or ending with -)`,
    );
  }
  if (!GITHUB_REPO.test(repo)) {
    problems.push(`repository name ${describeValue(repo)} is not valid (1–100 letters, digits, ., _ and -)`);
  }
  return problems;
}

/** A number from a fixed set; the error quotes the value and lists the set. */
function oneOf(values: readonly number[], what: string) {
  return z
    .number({ error: (issue) => typeError(issue.input, 'a number') })
    .check((ctx) => {
      if (!values.includes(ctx.value)) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `${describeValue(ctx.value)} is not ${what} (one of ${values.join(', ')})`,
        });
      }
    })
    .meta({ enum: [...values] });
}

const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const GITHUB_REPO = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
const ECR_REPOSITORY = /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;
export const APP_NAME = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;
/** What GitHub's environment names cannot contain (besides the 255-character limit GitHub documents). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern refuses
const GITHUB_ENVIRONMENT = /^[^\s,'"`\u0000-\u001f\u007f]{1,255}$/;
/** `*` and `?`: IAM StringLike wildcards, and characters no git ref can contain. */
const WILDCARD = /[*?]/;
const SECRET_ARN =
  /^arn:aws(?:-cn|-us-gov)?:(?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(?::[^:]*:[^:]*:[^:]*)?|ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+)$/;
const ACM_ARN = /^arn:aws(?:-cn|-us-gov)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const KMS_ARN = /^arn:aws(?:-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;

/** Variables a container must never receive in plain text (AWS Config's EcsNoEnvironmentSecrets defaults). */
export const SECRET_ENVIRONMENT_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA'];

/** The claim names GitHub accepts in a custom `include_claim_keys` subject template. */
const SUBJECT_CLAIM_KEYS = [
  'repo',
  'context',
  'actor',
  'actor_id',
  'base_ref',
  'environment',
  'event_name',
  'head_ref',
  'job_workflow_ref',
  'job_workflow_sha',
  'ref',
  'ref_type',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'repository_visibility',
  'runner_environment',
  'workflow',
  'workflow_ref',
  'workflow_sha',
] as const;

const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const ALL_REGIONS: readonly string[] = Object.values(AWS_REGIONS).flat();

/** Branch or tag names as git allows them. `*` and `?` pass here: `github` decides where a pattern is allowed. */
const refNames = (what: string) =>
  z.array(
    z.string({ error: (issue) => typeError(issue.input, 'a string') }).check((ctx) => {
      const problem = refNameProblem(ctx.value, { wildcards: true });
      if (problem !== undefined) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `${describeValue(ctx.value)} is not a valid ${what} (git check-ref-format: ${problem})`,
        });
      }
    }),
  );

const subject = z
  .strictObject({
    format: z
      .enum(['default', 'immutable', 'custom'])
      .default('default')
      .describe(
        'Subject format the repository mints: `default` (repo:OWNER/REPO:…), `immutable` (repo:OWNER@ID/REPO@ID:…, ' +
          'repositories created or opted in since July 2026) or `custom` (an include_claim_keys template).',
      ),
    ownerId: z.int().positive().optional().describe('Numeric id of the owner (needed for `immutable`).'),
    repositoryId: z.int().positive().optional().describe('Numeric id of the repository (needed for `immutable`).'),
    claimKeys: z
      .array(z.enum(SUBJECT_CLAIM_KEYS))
      .min(1)
      .optional()
      .describe(
        'The include_claim_keys of a `custom` subject template, in order, e.g. [repo, context, job_workflow_ref].',
      ),
  })
  .superRefine((subject, ctx) => {
    if (subject.format === 'immutable' && (subject.ownerId === undefined || subject.repositoryId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'format `immutable` needs ownerId and repositoryId (find them with `gh api repos/OWNER/REPO --jq ".owner.id, .id"`)',
      });
    }
    if (subject.format === 'custom' && subject.claimKeys === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['claimKeys'],
        message: 'format `custom` needs claimKeys: the include_claim_keys of your subject template',
      });
    }
  })
  .describe('How GitHub formats the `sub` claim for this repository.');

const github = z
  .strictObject({
    repository: z
      .string({ error: (issue) => typeError(issue.input, 'a string such as octo-org/hello-service') })
      .check((ctx) => {
        for (const message of repositoryProblems(ctx.value)) {
          ctx.issues.push({ code: 'custom', input: ctx.value, message });
        }
      })
      .describe('The GitHub repository that deploys, as `owner/repo`.'),
    branches: refNames('branch name')
      .default(['main'])
      .describe(
        'Branches whose pushes deploy. Each becomes an exact `sub` in the trust policy; `*` or `?` only with ' +
          '`trustBranchPatterns`.',
      ),
    trustBranchPatterns: z
      .boolean()
      .default(false)
      .describe(
        'Allow `*` and `?` in `branches` (trusted with StringLike): every matching branch, including ones anyone ' +
          'with push access creates later, can deploy. Dangerous; off unless you really mean it.',
      ),
    tags: refNames('tag name or pattern')
      .default([])
      .describe('Tag names or patterns whose pushes deploy, e.g. `v*` (trusted with StringLike).'),
    environment: matching(
      GITHUB_ENVIRONMENT,
      'is not a valid GitHub environment name (1–255 characters, no spaces, control characters, quotes or commas)',
    )
      .optional()
      .describe(
        "GitHub environment of the deploy job. When set, the token's `sub` is `repo:OWNER/REPO:environment:NAME` " +
          'and that is the only subject the role trusts; `*` or `?` only with `trustEnvironmentPattern`.',
      ),
    trustEnvironmentPattern: z
      .boolean()
      .default(false)
      .describe(
        'Allow `*` and `?` in `environment` (trusted with StringLike): every matching environment can deploy. ' +
          'Dangerous; off unless you really mean it.',
      ),
    subject: subject.default({ format: 'default' }),
    audience: z
      .string({ error: (issue) => typeError(issue.input, 'a string such as sts.amazonaws.com') })
      .min(1, {
        error:
          'must not be empty: the audience the deploy job requests, usually sts.amazonaws.com (leave the key out for the default)',
      })
      .optional()
      .describe('OIDC audience the workflow requests. Default: `sts.amazonaws.com` (`sts.amazonaws.com.cn` in China).'),
    trustAllRepositoriesOfOwner: z
      .boolean()
      .default(false)
      .describe('Trust every repository of the owner (`repo:OWNER/*`). Dangerous; off unless you really mean it.'),
    roleArn: z
      .string({ error: (issue) => typeError(issue.input, 'a role ARN such as arn:aws:iam::123456789012:role/NAME') })
      .check((ctx) => {
        const parsed = parseRoleArn(ctx.value);
        if ('problem' in parsed) ctx.issues.push({ code: 'custom', input: ctx.value, message: parsed.problem });
      })
      .optional()
      .describe(
        'An existing IAM role the workflow assumes, e.g. one made by hand. hatoba then neither creates nor changes ' +
          'a deploy role: `hatoba policy` prints the trust and permission policies it needs. Same account as ' +
          '`aws.account`.',
      ),
  })
  .superRefine((github, ctx) => {
    if (!github.trustBranchPatterns) {
      for (const [index, branch] of github.branches.entries()) {
        if (!WILDCARD.test(branch)) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['branches', index],
          message:
            `${describeValue(branch)} is a pattern: * and ? would trust every matching branch, including ones created later; ` +
            'list exact branch names, or set github.trustBranchPatterns: true',
        });
      }
    }
    if (!github.trustEnvironmentPattern && github.environment !== undefined && WILDCARD.test(github.environment)) {
      ctx.addIssue({
        code: 'custom',
        path: ['environment'],
        message:
          `${describeValue(github.environment)} is a pattern: * and ? would trust every matching environment; ` +
          'name the one environment, or set github.trustEnvironmentPattern: true',
      });
    }
    if (github.branches.length === 0 && github.tags.length === 0 && github.environment === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['branches'],
        ...worded(message('schema.nothing-trusted')),
      });
    }
  })
  .describe('Where the deploy comes from.');

const aws = z
  .strictObject({
    account: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'is required'
            : `must be a 12-digit account id in quotes, e.g. '012345678901' (got ${describeValue(issue.input)}; ` +
              'YAML reads unquoted numbers and drops leading zeros)',
      })
      .check((ctx) => {
        if (!/^\d{12}$/.test(ctx.value)) {
          ctx.issues.push({
            code: 'custom',
            input: ctx.value,
            ...worded(message('schema.account', { value: describeValue(ctx.value) })),
          });
        }
      })
      .meta({ pattern: '^\\d{12}$' })
      .describe('AWS account id that hosts the service (12 digits, quoted).'),
    region: z
      .string({ error: (issue) => typeError(issue.input, 'a Region name such as ap-northeast-1') })
      .check((ctx) => {
        if (!ALL_REGIONS.includes(ctx.value)) {
          ctx.issues.push({
            code: 'custom',
            input: ctx.value,
            ...worded(message('schema.region', { value: describeValue(ctx.value) })),
          });
        }
      })
      .meta({ enum: [...ALL_REGIONS] })
      .describe('AWS Region, e.g. ap-northeast-1.'),
  })
  .describe('The AWS side.');

const ecr = z
  .strictObject({
    repository: matching(
      ECR_REPOSITORY,
      'is not a valid ECR repository name (2–256 lowercase letters, digits, and . _ - / between them)',
    )
      .optional()
      .describe('Private ECR repository name. Default: the value of `app`.'),
    tagMutability: z
      .enum(['IMMUTABLE', 'MUTABLE'])
      .default('IMMUTABLE')
      .describe(
        'IMMUTABLE: a pushed tag can never point to another image (images are tagged with the git sha); only the ' +
          `build cache tag \`${BUILD_CACHE_TAG}\`, which every build moves, is excluded. MUTABLE: any tag can be moved.`,
      ),
    scanOnPush: z.boolean().default(true).describe('Basic vulnerability scan of every pushed image.'),
    keepImages: z
      .int()
      .min(5)
      .max(1000)
      .default(30)
      .describe(
        'Tagged images to keep; older ones expire (the build cache image counts among them, and expires on its own ' +
          `${BUILD_CACHE_EXPIRY_DAYS} days after the last build). At least 5, so recent revisions can be rolled back to.`,
      ),
    kmsKeyArn: matching(KMS_ARN, 'is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/UUID)')
      .optional()
      .describe('Encrypt images with this KMS key instead of AES-256.'),
  })
  .describe('The image repository.');

const container = z
  .strictObject({
    name: matching(ECS_NAME, 'is not a valid container name (letters, digits, _ and -)')
      .default('app')
      .describe('Container name in the task definition.'),
    port: z
      .int({ error: (issue) => typeError(issue.input, 'a port number') })
      .min(1, { error: (issue) => `${describeValue(issue.input)} is not a port (1–65535)` })
      .max(65535, { error: (issue) => `${describeValue(issue.input)} is not a port (1–65535)` })
      .default(8080)
      .describe('Port the container listens on.'),
    healthCheckPath: matching(/^\/[^\s]*$/, 'must be a URL path starting with `/`')
      .default('/healthz')
      .describe('Path the load balancer probes; must answer 200–399.'),
    environment: variables({ message: 'must be a string; quote numbers and booleans (the value is not shown)' })
      .default({})
      .describe('Plain environment variables. Never put secrets here: use `secrets`.'),
    secrets: variables({
      pattern: SECRET_ARN,
      message:
        'is not a Secrets Manager secret ARN or SSM parameter ARN (values never go in hatoba.yml; the value is not shown)',
    })
      .default({})
      .describe('Environment variables filled from Secrets Manager or SSM Parameter Store, by ARN.'),
    user: matching(/^\d+(?::\d+)?$/, 'must be a numeric uid or uid:gid, e.g. "1000"')
      .optional()
      .describe('Run as this numeric user (overrides the image). Root is never required.'),
    readonlyRootFilesystem: z.boolean().default(true).describe('Mount the root filesystem read-only.'),
    stopTimeoutSeconds: z
      .int()
      .min(2)
      .max(120)
      .default(30)
      .describe('Seconds between SIGTERM and SIGKILL when a task stops (Fargate allows up to 120).'),
  })
  .superRefine((container, ctx) => {
    const bytes = containerVariablesBytes(container.environment, container.secrets);
    if (bytes + TASK_DEFINITION_RESERVE_BYTES > AWS_LIMITS.taskDefinitionBytes) {
      const room = AWS_LIMITS.taskDefinitionBytes - TASK_DEFINITION_RESERVE_BYTES;
      ctx.addIssue({
        code: 'custom',
        path: ['environment'],
        message:
          `environment and secrets take ${bytes.toLocaleString('en')} bytes of the task definition, over the ` +
          `${room.toLocaleString('en')} bytes left under ECS's task definition size limit ` +
          `(${AWS_LIMITS.taskDefinitionBytes.toLocaleString('en')} bytes); ECS would reject it. Keep large or many ` +
          'values in Secrets Manager or SSM Parameter Store, or in a file in the image',
      });
    }
    for (const name of Object.keys(container.environment)) {
      if (SECRET_ENVIRONMENT_NAMES.includes(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['environment', name],
          ...worded(message('schema.secret-in-environment', { name })),
        });
      }
      if (Object.hasOwn(container.secrets, name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['environment', name],
          ...worded(message('schema.environment-and-secret', { name })),
        });
      }
    }
  })
  .describe('The application container.');

const loadBalancer = z
  .strictObject({
    healthCheckIntervalSeconds: z.int().min(5).max(300).default(5).describe('Target health check interval.'),
    healthyThresholdCount: z.int().min(2).max(10).default(2).describe('Passing checks before a target is healthy.'),
    unhealthyThresholdCount: z.int().min(2).max(10).default(2).describe('Failing checks before it is unhealthy.'),
    deregistrationDelaySeconds: z
      .int()
      .min(0)
      .max(3600)
      .default(10)
      .describe('Connection draining before an old task stops (AWS default 300 s slows every deploy).'),
    certificateArn: matching(ACM_ARN, 'is not an ACM certificate ARN')
      .optional()
      .describe('ACM certificate: serve HTTPS on 443 and redirect 80 to it.'),
  })
  .describe('The Application Load Balancer in front of the service.');

/**
 * Upper bound of `ecs.scaling.max`: Amazon ECS service quotas, "Tasks per service" (5,000, adjustable only within
 * AWS's limit). Fargate's per-Region vCPU quota usually binds first; a larger max would only fail at scale-out time.
 */
export const MAX_TASKS_PER_SERVICE = 5000;

const scaling = z
  .strictObject({
    min: z.int().min(1).describe('Fewest tasks auto scaling keeps (at least 1: a web service never scales to zero).'),
    max: z
      .int()
      .min(1)
      .max(MAX_TASKS_PER_SERVICE)
      .describe(
        `Most tasks auto scaling starts (ECS allows ${MAX_TASKS_PER_SERVICE.toLocaleString('en')} per service).`,
      ),
    cpuPercent: z
      .int()
      .min(10)
      .max(90)
      .optional()
      .describe('Keep average CPU utilization of the service near this percentage (target tracking).'),
    requestsPerTarget: z
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('Keep load balancer requests per task per minute near this number (target tracking).'),
  })
  .superRefine((scaling, ctx) => {
    if (scaling.min > scaling.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        ...worded(message('schema.scaling-min-max', { min: scaling.min, max: scaling.max })),
      });
    }
    if (scaling.cpuPercent === undefined && scaling.requestsPerTarget === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['cpuPercent'],
        ...worded(message('schema.scaling-metric')),
      });
    }
  })
  .describe('Application Auto Scaling of the task count (off unless set).');

/** One rollback alarm: fires when the metric is at or above `threshold` for `evaluationPeriods` periods in a row. */
const rollbackAlarm = (
  what: string,
  defaults: { threshold: number; periodSeconds: number; evaluationPeriods: number },
) =>
  z
    .strictObject({
      threshold: z.number().min(0).default(defaults.threshold).describe(`${what} at or above which the alarm fires.`),
      // Load balancer metrics arrive in 60-second periods (ELB CloudWatch metrics); shorter alarms are high-resolution
      // alarms, priced three times higher, and would see nothing new.
      periodSeconds: z
        .int()
        .min(60)
        .max(3600)
        .multipleOf(60)
        .default(defaults.periodSeconds)
        .describe('Length of one evaluation period in seconds: a multiple of 60, up to 3600.'),
      evaluationPeriods: z
        .int()
        .min(1)
        .max(10)
        .default(defaults.evaluationPeriods)
        .describe('Periods in a row the metric must breach before the alarm fires.'),
    })
    .or(z.literal(false))
    .default(() => ({ ...defaults }));

const rollbackAlarms = z
  .strictObject({
    http5xx: rollbackAlarm('5xx responses of the tasks (sum per period)', {
      threshold: 10,
      periodSeconds: 60,
      evaluationPeriods: 1,
    }).describe('Roll back when the tasks answer this many 5xx per period; `false` turns it off.'),
    unhealthyHosts: rollbackAlarm('Unhealthy targets (maximum per period)', {
      threshold: 1,
      periodSeconds: 60,
      evaluationPeriods: 2,
    }).describe('Roll back when targets stay unhealthy this long; `false` turns it off.'),
  })
  .describe(
    'CloudWatch alarms ECS watches during a deploy (and its bake time): when one fires, ECS rolls back. ' +
      'About 0.10 USD per alarm per month.',
  );

const ecs = z
  .strictObject({
    cluster: matching(ECS_NAME, 'is not a valid ECS cluster name (1–255 letters, digits, _ and -)')
      .optional()
      .describe('ECS cluster name. Default: the value of `app` (per environment: `<app>-<environment>`).'),
    service: matching(ECS_NAME, 'is not a valid ECS service name (1–255 letters, digits, _ and -)')
      .optional()
      .describe('ECS service name. Default: the value of `app`.'),
    cpu: oneOf(FARGATE_CPU_VALUES, 'a Fargate cpu value')
      .default(256)
      .describe(`Task CPU units: ${FARGATE_CPU_VALUES.join(', ')}.`),
    memory: z
      .int({ error: (issue) => typeError(issue.input, 'a whole number of MiB') })
      // The smallest Fargate size, for editors; the exact rule depends on cpu and is checked below.
      .meta({ minimum: fargateMinimumMemory(FARGATE_CPU_VALUES[0] ?? 256) })
      .default(512)
      .describe('Task memory in MiB; must fit the cpu value (Fargate task sizes).'),
    architecture: z.enum(['X86_64', 'ARM64']).default('X86_64').describe('CPU architecture (ARM64 = Graviton).'),
    desiredCount: z.int().min(0).max(1000).default(1).describe('Tasks to run once an image has been deployed.'),
    scaling: scaling.optional(),
    rollbackAlarms: rollbackAlarms.default(() => rollbackAlarms.parse({})),
    logRetentionDays: oneOf(LOG_RETENTION_DAYS, 'a CloudWatch Logs retention')
      .default(30)
      .describe('CloudWatch Logs retention of the container logs, in days.'),
    container: container.default(() => container.parse({})),
    loadBalancer: loadBalancer.default(() => loadBalancer.parse({})),
  })
  .refine((ecs) => fargateMemoryValues(ecs.cpu).includes(ecs.memory), {
    path: ['memory'],
    // Checked even when other ecs keys are invalid, as long as cpu and memory themselves parsed.
    when: (payload) => {
      if (typeof payload.value !== 'object' || payload.value === null) return false;
      const { cpu, memory } = payload.value as { cpu?: unknown; memory?: unknown };
      return typeof cpu === 'number' && FARGATE_CPU_VALUES.includes(cpu) && Number.isInteger(memory);
    },
    error: (issue) => {
      const { cpu, memory } = issue.input as { cpu: number; memory: number };
      const allowed = `(allowed: ${describeFargateMemory(cpu)})`;
      if (memory < (fargateMinimumMemory(cpu) ?? 0))
        return `${memory} MiB is below the minimum for cpu ${cpu} ${allowed}`;
      return `${memory} MiB is not a valid Fargate size for cpu ${cpu} ${allowed}`;
    },
  })
  .describe('The ECS Fargate service.');

const network = z
  .strictObject({
    vpcId: matching(/^vpc-[0-9a-f]{8,17}$/, 'is not a VPC id (vpc-…)')
      .optional()
      .describe('Use this existing VPC. Default: a new VPC with two public subnets and no NAT gateway.'),
    subnetIds: z
      .array(matching(/^subnet-[0-9a-f]{8,17}$/, 'is not a subnet id (subnet-…)'))
      .optional()
      .describe('Subnets of `vpcId` in at least two Availability Zones (the load balancer needs two).'),
    assignPublicIp: z
      .boolean()
      .default(true)
      .describe('Give tasks a public IP so they reach ECR without a NAT gateway. Set false with NAT or endpoints.'),
  })
  .superRefine((network, ctx) => {
    if (network.vpcId !== undefined && (network.subnetIds === undefined || network.subnetIds.length < 2)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subnetIds'],
        message: 'an existing VPC needs at least two subnetIds in different Availability Zones',
      });
    }
    if (network.vpcId === undefined && network.subnetIds !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['vpcId'],
        message: 'subnetIds were given without vpcId; set network.vpcId to the VPC they belong to',
      });
    }
  })
  .describe('Where the service runs.');

const build = z
  .strictObject({
    context: z.string().min(1).default('.').describe('Docker build context, relative to hatoba.yml.'),
    dockerfile: z.string().min(1).default('Dockerfile').describe('Dockerfile, relative to the build context.'),
  })
  .describe('How the image is built.');

const run = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        "Let the deploy role run one-off tasks (`hatoba run`, e.g. migrations) of the service's task definition: " +
          'adds ecs:RunTask and ecs:StopTask on this cluster to its policy. Off by default.',
      ),
  })
  .describe("One-off tasks on the service's task definition (`hatoba run`).");

/** Names of `environments` keys: they become part of stack, role and cluster names (`<app>-<name>-service`). */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/;

/** A key of the base schema as an override: optional, without its default (the top-level value is the default). */
function override<T extends z.ZodType>(schema: T): z.ZodOptional<T extends z.ZodDefault<infer I> ? I : T> {
  const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
  const optional = inner.optional();
  return (schema.description === undefined ? optional : optional.describe(schema.description)) as z.ZodOptional<
    T extends z.ZodDefault<infer I> ? I : T
  >;
}

/**
 * One environment of `environments`: where it runs and the service settings that differ from the top level. The
 * image is built once, so what the image depends on (architecture, container name and port, build) is shared.
 * Merged key by key over the top-level settings (maps merge, lists and values replace), then validated as a whole.
 */
const environment = z
  .strictObject({
    aws: z
      .strictObject({ account: override(aws.shape.account), region: override(aws.shape.region) })
      .optional()
      .describe('Account and Region of this environment. Default: the top-level `aws` (the build account).'),
    github: z
      .strictObject({
        environment: matching(
          GITHUB_ENVIRONMENT,
          'is not a valid GitHub environment name (1–255 characters, no spaces, control characters, quotes or commas)',
        )
          .optional()
          .describe(
            'GitHub environment its deploy job runs in (its reviewers and wait timers gate the deploy). Default: the ' +
              "environment's key. Its deploy role trusts exactly `repo:OWNER/REPO:environment:NAME`.",
          ),
      })
      .optional()
      .describe('The GitHub side of this environment.'),
    ecs: z
      .strictObject({
        cluster: override(ecs.shape.cluster),
        service: override(ecs.shape.service),
        cpu: override(ecs.shape.cpu),
        memory: override(ecs.shape.memory),
        desiredCount: override(ecs.shape.desiredCount),
        scaling: scaling.optional(),
        rollbackAlarms: z
          .strictObject({
            http5xx: override(rollbackAlarms.shape.http5xx),
            unhealthyHosts: override(rollbackAlarms.shape.unhealthyHosts),
          })
          .optional()
          .describe('Rollback alarms of this environment, each replacing the top-level one it names.'),
        logRetentionDays: override(ecs.shape.logRetentionDays),
        container: z
          .strictObject({
            environment: override(container.shape.environment),
            secrets: override(container.shape.secrets),
          })
          .optional()
          .describe('Variables and secrets added to (or replacing) the top-level ones, by name.'),
        loadBalancer: z
          .strictObject({ certificateArn: override(loadBalancer.shape.certificateArn) })
          .optional()
          .describe("This environment's certificate (its own domain)."),
      })
      .optional()
      .describe('Service settings of this environment; unset keys take the top-level value.'),
    network: z
      .strictObject({
        vpcId: override(network.shape.vpcId),
        subnetIds: override(network.shape.subnetIds),
        assignPublicIp: override(network.shape.assignPublicIp),
      })
      .optional()
      .describe('Where this environment runs. Default: the top-level `network`.'),
  })
  .describe('One environment; the keys not given here take the top-level value.');

const environments = z
  .record(
    matching(
      ENVIRONMENT_NAME,
      'is not a valid environment name (lowercase letters, digits and -, starting with a letter)',
    ),
    environment.default(() => ({})),
  )
  .check((ctx) => {
    if (Object.keys(ctx.value).length === 0) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'needs at least one environment (or leave `environments` out for a single one)',
      });
    }
  })
  .optional()
  .describe(
    'Environments the one image is promoted through, in order (e.g. staging, then production): each gets its own ' +
      'service stack `<app>-<name>-service` and a deploy role only its GitHub environment can assume. The top-level ' +
      '`aws` is the build account, which holds the image repository. See docs/environments.md.',
  );

export const configSchema = z
  .strictObject({
    app: matching(
      APP_NAME,
      'is not a valid app name (2–40 lowercase letters, digits and -, starting with a letter)',
    ).describe('Short name of the application; names the stacks (<app>-pipeline, <app>-service) and defaults.'),
    github,
    aws,
    ecr: ecr.default(() => ecr.parse({})),
    ecs: ecs.default(() => ecs.parse({})),
    network: network.default(() => network.parse({})),
    build: build.default(() => build.parse({})),
    run: run.default(() => run.parse({})),
    environments,
  })
  .superRefine((config, ctx) => {
    for (const problem of environmentProblems(config)) {
      ctx.addIssue({ code: 'custom', path: problem.path, ...worded(problem.wording) });
    }
    const roleArn = config.github.roleArn;
    const role = roleArn === undefined ? undefined : parseRoleArn(roleArn);
    if (role === undefined || 'problem' in role) return;
    const path = ['github', 'roleArn'];
    if (role.account !== config.aws.account) {
      ctx.addIssue({
        code: 'custom',
        path,
        message:
          `the role is in account ${role.account}, not aws.account ${config.aws.account}: hatoba deploys with a role ` +
          'of the account it deploys to (cross-account deploy roles are not supported); use a role in ' +
          `${config.aws.account}, or leave github.roleArn out and let \`hatoba up\` create one`,
      });
    }
    const partition = partitionOf(config.aws.region);
    if (partition !== undefined && role.partition !== partition) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `the role's partition is ${describeValue(role.partition)}, but aws.region ${config.aws.region} is in ${partition} (arn:${partition}:iam::…)`,
      });
    }
  })
  .describe('hatoba configuration: one GitHub repository deployed to an ECS Fargate service (or one per environment).');

/** hatoba.yml as written (defaults optional). */
export type HatobaConfigFile = z.input<typeof configSchema>;
/** hatoba.yml after validation and defaults, before names derived from `app` are filled. */
export type ParsedConfig = z.output<typeof configSchema>;

/**
 * A custom issue's words from the config catalogue: the English message zod reports, and the message itself in
 * `params` for load.ts to keep (and src/report/ to put in the reader's language).
 */
function worded(text: Message<ConfigKey>): { message: string; params: { message: Message<ConfigKey> } } {
  return { message: say(CONFIG, 'en', text), params: { message: text } };
}
