import { describe, expect, it } from 'vitest';
import { credentialFindings, HIDDEN_VALUE, hideCredentials } from '../../src/config/credentials.js';

describe('credentials in plain environment', () => {
  it.each([
    ['AWS_SESSION_TOKEN', 'IQoJb3JpZ2luX2VjEXAMPLE', 'its name ends in TOKEN'],
    ['DB_PASSWORD', 'hunter2', 'its name ends in PASSWORD'],
    ['STRIPE_SECRET', 'x', 'its name ends in SECRET'],
    ['MAPS_API_KEY', 'x', 'its name ends in API_KEY'],
    ['password', 'x', 'its name ends in PASSWORD'],
    ['UPSTREAM', `github_pat_${'A1b2C3d4E5'.repeat(3)}`, 'its value looks like a GitHub token'],
    ['KEY_ID', 'AKIAIOSFODNN7EXAMPLE', 'its value looks like an AWS access key id'],
    ['SIGNING', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'its value looks like an AWS secret access key'],
    ['TLS', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'its value looks like a private key'],
  ])('%s is a finding (%s)', (name, value, reason) => {
    expect(credentialFindings({ [name]: value })).toEqual([{ name, reason }]);
  });

  it.each([
    ['LOG_LEVEL', 'debug'],
    ['DB_PASSWORD', ''],
    ['PASSWORD_FILE', '/run/secrets/db'],
    ['TOKEN_URL', 'https://example.com/token'],
    ['GIT_SHA', '0123456789abcdef0123456789abcdef01234567'],
  ])('%s=%s is not a finding', (name, value) => {
    expect(credentialFindings({ [name]: value })).toEqual([]);
  });

  it('hides only the values that look like credentials, whatever the name', () => {
    const environment = Object.fromEntries([
      ['__proto__', 'hunter2-xyz'],
      ['API_TOKEN', 'abc'],
      ['LOG_LEVEL', 'info'],
    ]);
    expect(Object.entries(hideCredentials(environment))).toEqual([
      ['__proto__', 'hunter2-xyz'],
      ['API_TOKEN', HIDDEN_VALUE],
      ['LOG_LEVEL', 'info'],
    ]);
  });
});
