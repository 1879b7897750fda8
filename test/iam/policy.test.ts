import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { findDuplicateKeys } from '../../src/iam/json-duplicates.js';
import { normalizePolicy, parsePolicyText } from '../../src/iam/policy.js';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

const document = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    },
  ],
};

describe('normalizePolicy', () => {
  it('accepts a single Statement object and string values', () => {
    const policy = normalizePolicy({ Statement: { Effect: 'Deny', Action: 'ecr:*', Resource: '*' } }, 't');
    expect(policy.statements).toEqual([
      { index: 0, effect: 'Deny', action: ['ecr:*'], resource: ['*'], conditions: [] },
    ]);
  });

  it('flattens conditions into (operator, key, values) entries', () => {
    const policy = normalizePolicy(
      {
        Statement: [
          {
            Sid: 'A',
            Effect: 'Allow',
            Principal: '*',
            NotAction: ['iam:*'],
            NotResource: 'arn:aws:s3:::x',
            Condition: { StringLike: { a: ['1', '2'], b: '3' }, Bool: { 'aws:SecureTransport': true } },
          },
        ],
      },
      't',
    );
    expect(policy.statements[0]).toEqual({
      index: 0,
      sid: 'A',
      effect: 'Allow',
      principal: { kind: 'any' },
      notAction: ['iam:*'],
      notResource: ['arn:aws:s3:::x'],
      conditions: [
        { operator: 'StringLike', key: 'a', values: ['1', '2'] },
        { operator: 'StringLike', key: 'b', values: ['3'] },
        { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
      ],
    });
  });

  it.each([
    [[], /must be a JSON object/],
    [{}, /has no "Statement"/],
    [{ Statement: [{ Effect: 'Maybe' }] }, /Statement\[0\]\.Effect must be "Allow" or "Deny"/],
    [{ Statement: [{ Effect: 'Allow', Principal: { Robot: 'x' } }] }, /unknown principal type "Robot"/],
    [{ Statement: [{ Effect: 'Allow', Action: [] }] }, /Action must be a string or a non-empty list/],
    [
      { Statement: [{ Effect: 'Allow', Condition: { StringEquals: { k: { nested: 1 } } } }] },
      /StringEquals\.k must be a string/,
    ],
  ])('rejects %j', (value, message) => {
    expect(() => normalizePolicy(value, 'trust.json')).toThrow(UserError);
    expect(() => normalizePolicy(value, 'trust.json')).toThrow(message);
  });
});

describe('parsePolicyText', () => {
  it('reads a plain document', () => {
    const { policy, warnings } = parsePolicyText(JSON.stringify(document), 'trust.json');
    expect(policy.statements).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('reads aws iam get-role output with an object document', () => {
    const text = JSON.stringify({ Role: { RoleName: 'deploy', AssumeRolePolicyDocument: document } });
    expect(parsePolicyText(text, 'role.json').policy.statements[0]?.principal).toEqual({
      kind: 'map',
      values: { Federated: [PROVIDER] },
    });
  });

  it('reads get-role output with a URL-encoded document', () => {
    const text = JSON.stringify({ Role: { AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(document)) } });
    expect(parsePolicyText(text, 'role.json').policy.statements).toHaveLength(1);
  });

  it('reads a URL-encoded document file', () => {
    expect(parsePolicyText(encodeURIComponent(JSON.stringify(document)), 'trust.txt').policy.statements).toHaveLength(
      1,
    );
  });

  it('warns about a second StringEquals block that drops the sub check (last one wins)', () => {
    const text = `{
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Federated": "${PROVIDER}"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
          "StringEquals": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"},
          "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}
        }
      }]
    }`;
    const { policy, warnings } = parsePolicyText(text, 'trust.json');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe(
      'Statement[0].Condition has "StringEquals" twice; IAM keeps only the last one, so the first is ignored ' +
        '(its keys token.actions.githubusercontent.com:sub are ignored). Merge them into one block.',
    );
    // The evaluator sees what IAM sees: only the aud check.
    expect(policy.statements[0]?.conditions.map((c) => c.key)).toEqual(['token.actions.githubusercontent.com:aud']);
  });

  it('names the file on invalid JSON', () => {
    expect(() => parsePolicyText('{"Statement": [', 'broken.json')).toThrow(/^broken\.json is not valid JSON/);
  });
});

describe('findDuplicateKeys', () => {
  it('finds duplicates at any depth with the dropped value', () => {
    expect(findDuplicateKeys('{"a": 1, "b": {"c": [1, {"d": "x", "d": "y"}]}, "a": 2}')).toEqual([
      { path: ['b', 'c', '1'], key: 'd', dropped: 'x' },
      { path: [], key: 'a', dropped: 1 },
    ]);
  });

  it('handles escaped quotes in strings', () => {
    expect(findDuplicateKeys('{"a\\"b": "x\\"", "c": true, "a\\"b": null}')).toEqual([
      { path: [], key: 'a"b', dropped: 'x"' },
    ]);
  });

  it('finds nothing in clean JSON', () => {
    expect(findDuplicateKeys(JSON.stringify(document))).toEqual([]);
  });
});
