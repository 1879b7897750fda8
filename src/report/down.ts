import type { DownReport, KeptResource, TeardownPlan } from '../infra/down.js';
import { formatFailure } from './infra.js';
import type { Style } from './output.js';

const LABELS: Record<string, string> = {
  'AWS::ECR::Repository': 'ECR repository',
  'AWS::Logs::LogGroup': 'log group',
  'AWS::IAM::OIDCProvider': 'OIDC provider',
};

function label(type: string): string {
  return LABELS[type] ?? type;
}

/** What `down` deletes and keeps, shown before it asks. */
export function formatPlan(plan: TeardownPlan, purge: boolean): string[] {
  const lines = [`hatoba down in account ${plan.account}, ${plan.region}:`, '  Deletes:'];
  for (const stack of plan.stacks) lines.push(`    stack ${stack.stackName} (${stack.status})`);
  if (plan.provider !== null && plan.provider.usedBy.length === 0) {
    lines.push(`    OIDC provider ${plan.provider.arn} (created by the pipeline stack; no other role trusts it)`);
  }
  if (purge)
    for (const resource of plan.purgeable) lines.push(`    ${label(resource.type)} ${resource.name} (--purge)`);
  const kept = purge
    ? plan.kept.filter((resource) => !plan.purgeable.some((p) => p.name === resource.name))
    : plan.kept;
  if (kept.length > 0) {
    lines.push('  Keeps:');
    lines.push(...formatKept(kept, '    '));
  }
  return lines;
}

export function formatKept(kept: readonly KeptResource[], indent = '  '): string[] {
  return kept.map((resource) => `${indent}${label(resource.type)} ${resource.name}: ${resource.reason}`);
}

/** The result lines after the deletions. */
export function formatDown(report: DownReport, s: Style): string[] {
  const lines: string[] = [];
  for (const stack of report.stacks) {
    const mark = stack.action === 'failed' ? s.bad('✗') : s.ok('✓');
    lines.push(
      `${mark} ${stack.stackName}: ${stack.action === 'failed' ? `deletion failed (${stack.status})` : 'deleted'}`,
    );
    if (stack.failure !== undefined) lines.push(`  first failure: ${formatFailure(stack.failure)}`);
  }
  if (report.oidcProvider?.action === 'deleted') {
    lines.push(`${s.ok('✓')} OIDC provider ${report.oidcProvider.arn}: deleted (no role trusted it any more)`);
  }
  for (const purged of report.purged) {
    lines.push(
      `${s.ok('✓')} ${label(purged.type)} ${purged.name}: ${purged.result === 'deleted' ? 'deleted (--purge)' : 'already gone'}`,
    );
  }
  if (report.kept.length > 0) {
    lines.push('', s.bold('Kept'), ...formatKept(report.kept));
  }
  return lines;
}
