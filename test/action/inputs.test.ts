import { describe, expect, it } from 'vitest';
import { actionArgv } from '../../src/cli/action/inputs.js';
import { UserError } from '../../src/errors.js';

const IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello-service@sha256:${'a'.repeat(64)}`;

describe('action inputs → hatoba command line', () => {
  it('deploys by default, with the defaults action.yml passes', () => {
    expect(actionArgv({ INPUT_IMAGE: IMAGE, INPUT_CONFIG: 'hatoba.yml', INPUT_COMMAND: 'deploy' })).toEqual([
      'deploy',
      `--image=${IMAGE}`,
      '--config=hatoba.yml',
    ]);
    expect(actionArgv({ INPUT_IMAGE: IMAGE })).toEqual(['deploy', `--image=${IMAGE}`]);
  });

  it('passes timeout and poll to deploy and rollback, not to status; empty inputs are left out', () => {
    const env = { INPUT_TIMEOUT: '10m', INPUT_POLL: ' 3s ', INPUT_CONFIG: '', INPUT_IMAGE: '' };
    expect(actionArgv({ ...env, INPUT_COMMAND: 'rollback' })).toEqual(['rollback', '--timeout=10m', '--poll=3s']);
    expect(actionArgv({ ...env, INPUT_COMMAND: 'status' })).toEqual(['status']);
  });

  it('passes environment as --environment to deploy, rollback and status; left out when empty', () => {
    const env = { INPUT_IMAGE: IMAGE, INPUT_ENVIRONMENT: ' production ' };
    expect(actionArgv(env)).toEqual(['deploy', `--image=${IMAGE}`, '--environment=production']);
    expect(actionArgv({ ...env, INPUT_COMMAND: 'rollback' })).toEqual(['rollback', '--environment=production']);
    expect(actionArgv({ ...env, INPUT_COMMAND: 'status' })).toEqual(['status', '--environment=production']);
    expect(actionArgv({ ...env, INPUT_ENVIRONMENT: '' })).toEqual(['deploy', `--image=${IMAGE}`]);
  });

  it('keeps a value that looks like an option a value', () => {
    expect(actionArgv({ INPUT_IMAGE: '--help' })).toEqual(['deploy', '--image=--help']);
  });

  it('refuses an unknown command and a deploy without image (exit 2, naming the input)', () => {
    expect(() => actionArgv({ INPUT_COMMAND: 'up' })).toThrow(UserError);
    expect(() => actionArgv({ INPUT_COMMAND: 'up' })).toThrow(/input command: "up" is not one of deploy/);
    expect(() => actionArgv({ INPUT_COMMAND: 'deploy', INPUT_IMAGE: ' ' })).toThrow(/input image is required/);
  });
});
