import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { generatedTrustPolicy } from '../../src/iam/trust-input.js';
import { MINIMAL_CONFIG } from '../support/config.js';

describe('generatedTrustPolicy', () => {
  const cwd = '/home/someone/project';
  const loaded = parseConfigText(MINIMAL_CONFIG, { cwd, env: {}, path: `${cwd}/deploy/hatoba.yml` });

  it('names hatoba.yml relative to the working directory, as the user typed it', () => {
    expect(generatedTrustPolicy(loaded, cwd).trust.source).toBe('the trust policy generated from deploy/hatoba.yml');
  });

  it('keeps the absolute path of a file outside the working directory', () => {
    expect(generatedTrustPolicy(loaded, '/elsewhere').trust.source).toBe(
      'the trust policy generated from /home/someone/project/deploy/hatoba.yml',
    );
  });
});
