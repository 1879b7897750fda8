import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_LIMITS } from '../config/aws-limits.js';
import type { HatobaConfig } from '../config/resolve.js';
import { type WritePlanOptions, writeAll } from '../fs/write-plan.js';
import { deployPermissionsPolicy } from '../iam/permissions.js';
import type { PolicyDocumentJson } from '../iam/policy.js';
import { trustPolicy } from '../iam/trust.js';
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
  readonly pipeline: SynthesizedStack;
  readonly service: SynthesizedStack;
  readonly trustPolicy: PolicyDocumentJson;
  /** The `sub` values the trust policy accepts (exact ones, then patterns). */
  readonly trustedSubjects: readonly string[];
  readonly permissionsPolicy: PolicyDocumentJson;
  /** Findings about the trust policy worth a reader's attention. */
  readonly warnings: readonly string[];
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
    const synthesis: Synthesis = {
      pipeline: stack(pipeline.stackName),
      service: stack(service.stackName),
      trustPolicy: trust.document,
      trustedSubjects: [...trust.subjects, ...trust.subjectPatterns],
      permissionsPolicy: deployPermissionsPolicy(config),
      warnings: pipeline.warnings,
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

/** File names `hatoba synth` writes, relative to its output directory. */
function synthesisFiles(synthesis: Synthesis) {
  return {
    pipeline: `${synthesis.pipeline.stackName}.template.json`,
    service: `${synthesis.service.stackName}.template.json`,
    trustPolicy: 'deploy-role-trust-policy.json',
    permissionsPolicy: 'deploy-role-permissions-policy.json',
  };
}

/**
 * Writes the two templates and the two policies (pretty-printed, for review) into `dir`, all or none (nothing after
 * the signal aborted); returns the paths. Errors name `--out`.
 */
export async function writeSynthesis(
  dir: string,
  synthesis: Synthesis,
  options: WritePlanOptions = { display: (path) => path },
): Promise<Record<keyof ReturnType<typeof synthesisFiles>, string>> {
  const names = synthesisFiles(synthesis);
  const contents: Record<keyof typeof names, unknown> = {
    pipeline: synthesis.pipeline.template,
    service: synthesis.service.template,
    trustPolicy: synthesis.trustPolicy,
    permissionsPolicy: synthesis.permissionsPolicy,
  };
  const keys = Object.keys(names) as (keyof typeof names)[];
  const written = Object.fromEntries(keys.map((key) => [key, join(dir, names[key])])) as typeof names;
  await writeAll(
    keys.map((key) => ({
      path: written[key],
      content: `${JSON.stringify(contents[key], null, 2)}\n`,
      origin: '--out',
    })),
    options,
  );
  return written;
}
