import { describe, expect, it } from 'vitest';
import type { RolloutReport } from '../../src/deploy/report.js';
import { message } from '../../src/i18n/message.js';
import { stepSummaryMarkdown } from '../../src/report/deploy.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const REPORT: RolloutReport = {
  command: 'deploy',
  outcome: 'succeeded',
  summary: 'shop-production:4 is live: 3/3 tasks running',
  summaryMessage: message('summary.succeeded', { taskDefinition: 'shop-production:4', running: '3', desired: '3' }),
  cluster: 'shop-production',
  service: 'shop',
  image: `111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/shop@${DIGEST}`,
  imageDigest: DIGEST,
  taskDefinitionArn: 'arn:aws:ecs:ap-northeast-1:222222222222:task-definition/shop-production:4',
  revision: 4,
  taskDefinition: 'shop-production:4',
  previousRevision: 3,
  previousTaskDefinition: 'shop-production:3',
  deploymentId: 'ecs-svc/1',
  rolledBackTo: null,
  durationSeconds: 95,
  cause: null,
  fix: null,
  waitingOn: [],
  waitingOnMessages: [],
  events: [],
  stoppedTasks: [],
  warnings: [],
  retriedErrors: 0,
};

describe('stepSummaryMarkdown', () => {
  it('names the environment deployed to, next to the digest, for a file with environments', () => {
    const markdown = stepSummaryMarkdown(REPORT, 'en', 'production');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    expect(rows.slice(3, 5)).toEqual(['| Environment | `production` |', '| Service | `shop-production/shop` |']);
    expect(markdown).toContain(`| Image digest | \`${DIGEST}\` |`);
  });

  it('names it in Japanese too', () => {
    expect(stepSummaryMarkdown(REPORT, 'ja', 'production')).toContain('| 環境 | `production` |');
  });

  it('has no environment row without one (single-environment files render as before)', () => {
    expect(stepSummaryMarkdown(REPORT)).not.toContain('Environment');
    expect(stepSummaryMarkdown(REPORT, 'en', undefined)).toBe(stepSummaryMarkdown(REPORT));
  });
});
