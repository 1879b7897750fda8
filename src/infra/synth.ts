import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_LIMITS } from '../config/aws-limits.js';
import type { HatobaConfig } from '../config/resolve.js';
import { type WritePlanOptions, writeAll } from '../fs/write-plan.js';
import { deployPermissionsPolicy, pushPermissionsPolicy } from '../iam/permissions.js';
import type { PolicyDocumentJson } from '../iam/policy.js';
import { crossAccountPullPolicy } from '../iam/pull-grant.js';
import { pushTrustPolicy, trustPolicy } from '../iam/trust.js';
import { managesDeployRole } from '../naming.js';
import { buildApp, type HatobaAppOptions } from './app.js';
import { checkAwsLimits } from './limits.js';

/** CloudFormation's limit for a template passed inline (TemplateBody) instead of from S3; see limits.ts. */
export const TEMPLATE_BODY_LIMIT = AWS_LIMITS.templateBodyBytes;

export interface SynthesizedStack {
  readonly stackName: string;
  /** The template as sent to CloudFormation (minified JSON). */
  readonly body: string;
  readonly template: Template;
  /** Resource count by CloudFormation type. */
  readonly resources: Readonly<Record<string, number>>;
}

export interface Template {
  readonly Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  readonly Parameters?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export interface Synthesis {
  readonly app: string;
  /** With `environments`: the environment synthesized, and its account (one pipeline stack per account). */
  readonly environment?: { readonly name: string; readonly account: string };
  readonly pipeline: SynthesizedStack;
  readonly service: SynthesizedStack;
  readonly trustPolicy: PolicyDocumentJson;
  /** The `sub` values the trust policy accepts (exact ones, then patterns). */
  readonly trustedSubjects: readonly string[];
  readonly permissionsPolicy: PolicyDocumentJson;
  /** Findings about the trust policy worth a reader's attention. */
  readonly warnings: readonly string[];
  /** With `environments`, in the build account: the build job's push role. */
  readonly pushRole?: RolePolicies;
  /** With `environments`, in the build account, when an environment lives in another account: its pull grant. */
  readonly repositoryPolicy?: PolicyDocumentJson;
}

export interface RolePolicies {
  readonly trustPolicy: PolicyDocumentJson;
  /** The `sub` values the trust policy accepts (exact ones, then patterns). */
  readonly trustedSubjects: readonly string[];
  readonly permissionsPolicy: PolicyDocumentJson;
}

export type SynthesizeOptions = Omit<HatobaAppOptions, 'outdir'>;

/**
 * Builds both stacks and synthesizes them in a scratch directory; offline, no credentials. Output AWS would reject
 * (a template or policy over its size limit) is a usage error naming the hatoba.yml keys to change.
 */
export async function synthesize(config: HatobaConfig, options: SynthesizeOptions = {}): Promise<Synthesis> {
  const outdir = await mkdtemp(join(tmpdir(), 'hatoba-synth-'));
  try {
    const { app, pipeline, service } = buildApp(config, { ...options, outdir });
    const assembly = app.synth();
    const stack = (name: string): SynthesizedStack => {
      const template = assembly.getStackByName(name).template as Template;
      return { stackName: name, body: JSON.stringify(template), template, resources: countResources(template) };
    };
    const trust = trustPolicy(config);
    const environments = options.environments ?? [];
    const push = pipeline.pushRole === undefined ? undefined : pushTrustPolicy(config);
    const repositoryPolicy = crossAccountPullPolicy(environments);
    const synthesis: Synthesis = {
      app: config.app,
      ...(config.environment === undefined
        ? {}
        : { environment: { name: config.environment.name, account: config.aws.account } }),
      pipeline: stack(pipeline.stackName),
      service: stack(service.stackName),
      trustPolicy: trust.document,
      trustedSubjects: [...trust.subjects, ...trust.subjectPatterns],
      permissionsPolicy: deployPermissionsPolicy(config),
      warnings: pipeline.warnings,
      ...(push === undefined
        ? {}
        : {
            pushRole: {
              trustPolicy: push.document,
              trustedSubjects: [...push.subjects, ...push.subjectPatterns],
              permissionsPolicy: pushPermissionsPolicy(config),
            },
          }),
      ...(push === undefined || repositoryPolicy === undefined ? {} : { repositoryPolicy }),
    };
    checkAwsLimits({ ...synthesis, createsDeployRole: managesDeployRole(config) });
    return synthesis;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

function countResources(template: Template): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { Type } of Object.values(template.Resources)) counts[Type] = (counts[Type] ?? 0) + 1;
  return counts;
}

/** File names `hatoba synth` writes, relative to its output directory, with what each holds. */
function synthesisFiles(synthesis: Synthesis): Record<string, { name: string; content: unknown }> {
  const { environment } = synthesis;
  // Every account has a pipeline stack of the same name: per environment its file names the account too.
  const pipeline = environment === undefined ? '' : `.${environment.account}`;
  const files: Record<string, { name: string; content: unknown }> = {
    pipeline: {
      name: `${synthesis.pipeline.stackName}${pipeline}.template.json`,
      content: synthesis.pipeline.template,
    },
    service: { name: `${synthesis.service.stackName}.template.json`, content: synthesis.service.template },
  };
  // Per environment, each role's files are named after it: several environments' files can share one directory.
  const own = environment === undefined ? '' : `${synthesis.app}-${environment.name}-`;
  files.trustPolicy = { name: `${own}deploy-role-trust-policy.json`, content: synthesis.trustPolicy };
  files.permissionsPolicy = { name: `${own}deploy-role-permissions-policy.json`, content: synthesis.permissionsPolicy };
  if (synthesis.pushRole !== undefined) {
    const push = synthesis.pushRole;
    files.pushRoleTrustPolicy = { name: `${synthesis.app}-push-role-trust-policy.json`, content: push.trustPolicy };
    files.pushRolePermissionsPolicy = {
      name: `${synthesis.app}-push-role-permissions-policy.json`,
      content: push.permissionsPolicy,
    };
  }
  if (synthesis.repositoryPolicy !== undefined) {
    files.repositoryPolicy = { name: `${synthesis.app}-repository-policy.json`, content: synthesis.repositoryPolicy };
  }
  return files;
}

/** What `writeSynthesis` wrote, by key; the keys of a single-environment synthesis are the first four. */
export type SynthesisFiles = Record<'pipeline' | 'service' | 'trustPolicy' | 'permissionsPolicy', string> &
  Partial<Record<'pushRoleTrustPolicy' | 'pushRolePermissionsPolicy' | 'repositoryPolicy', string>>;

/**
 * Writes the two templates and the policies (pretty-printed, for review) into `dir`, all or none (nothing after the
 * signal aborted); returns the paths. Errors name `--out`.
 */
export async function writeSynthesis(
  dir: string,
  synthesis: Synthesis,
  options: WritePlanOptions = { display: (path) => path },
): Promise<SynthesisFiles> {
  const files = synthesisFiles(synthesis);
  const written = Object.fromEntries(Object.entries(files).map(([key, file]) => [key, join(dir, file.name)]));
  await writeAll(
    Object.entries(files).map(([key, file]) => ({
      path: written[key] as string,
      content: `${JSON.stringify(file.content, null, 2)}\n`,
      origin: '--out',
    })),
    options,
  );
  return written as SynthesisFiles;
}
