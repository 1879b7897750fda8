import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../src/config/load.js';
import { MINIMAL_CONFIG } from '../support/config.js';

function parse(ecs: string) {
  return parseConfigText(`${MINIMAL_CONFIG}ecs:\n${ecs}`, { path: '/repo/hatoba.yml', cwd: '/repo', env: {} });
}

function problemsOf(ecs: string): string[] {
  try {
    parse(ecs);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('ecs.scaling', () => {
  it('is off by default', () => {
    expect(parse('  cpu: 256\n').config.ecs.scaling).toBeUndefined();
  });

  it.each([
    [
      'min above max',
      '  scaling: { min: 4, max: 2, cpuPercent: 50 }\n',
      'ecs.scaling.min: min 4 is above max 2; set min ≤ max',
    ],
    [
      'no metric',
      '  scaling: { min: 1, max: 2 }\n',
      'ecs.scaling.cpuPercent: auto scaling needs a metric: set cpuPercent, requestsPerTarget, or both',
    ],
    ['min 0', '  scaling: { min: 0, max: 2, cpuPercent: 50 }\n', 'ecs.scaling.min'],
    ['max over the tasks-per-service quota', '  scaling: { min: 1, max: 5001, cpuPercent: 50 }\n', 'ecs.scaling.max'],
  ])('refuses %s', (_name, yaml, problem) => {
    expect(problemsOf(yaml).join('\n')).toContain(problem);
  });

  it('accepts a range with one metric', () => {
    expect(parse('  scaling: { min: 1, max: 5000, requestsPerTarget: 800 }\n').config.ecs.scaling).toEqual({
      min: 1,
      max: 5000,
      requestsPerTarget: 800,
    });
  });
});

describe('ecs.rollbackAlarms', () => {
  it('defaults to a 5xx alarm and an unhealthy-hosts alarm', () => {
    expect(parse('  cpu: 256\n').config.ecs.rollbackAlarms).toEqual({
      http5xx: { threshold: 10, periodSeconds: 60, evaluationPeriods: 1 },
      unhealthyHosts: { threshold: 1, periodSeconds: 60, evaluationPeriods: 2 },
    });
  });

  it('turns one off with false and fills defaults of a partial one', () => {
    expect(
      parse('  rollbackAlarms: { http5xx: false, unhealthyHosts: { threshold: 2 } }\n').config.ecs.rollbackAlarms,
    ).toEqual({
      http5xx: false,
      unhealthyHosts: { threshold: 2, periodSeconds: 60, evaluationPeriods: 2 },
    });
  });

  it('refuses a period that is not a whole minute', () => {
    expect(problemsOf('  rollbackAlarms: { http5xx: { periodSeconds: 30 } }\n').join('\n')).toContain(
      'ecs.rollbackAlarms.http5xx',
    );
  });
});
