// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${…} in plain strings.
import { describe, expect, it } from 'vitest';
import { evaluateCondition, type RequestContext } from '../../src/iam/conditions.js';
import { evaluatePolicy } from '../../src/iam/evaluate.js';
import { normalizePolicy } from '../../src/iam/policy.js';

/**
 * IAM User Guide, "IAM policy elements: Variables and tags": `${*}`, `${?}` and `${$}` stand for a literal `*`, `?`
 * and `$`; a variable takes the value of the request's context key; a variable with no value is null, so
 * StringEquals/StringLike match nothing and StringNotEquals/StringNotLike match; `${key, 'default'}` supplies a value;
 * without `"Version": "2012-10-17"` variables are literal text.
 */

const SUB = 'token.actions.githubusercontent.com:sub';
const REPO = 'token.actions.githubusercontent.com:repository';

interface Case {
  name: string;
  operator: string;
  value: string;
  context: RequestContext;
  passed: boolean;
}

const cases: Case[] = [
  {
    name: 'StringLike ${*} is a literal star',
    operator: 'StringLike',
    value: 'a${*}',
    context: { [SUB]: 'a*' },
    passed: true,
  },
  {
    name: 'StringLike ${*} is not a wildcard',
    operator: 'StringLike',
    value: 'a${*}',
    context: { [SUB]: 'abc' },
    passed: false,
  },
  {
    name: 'StringLike ${?} is a literal question mark',
    operator: 'StringLike',
    value: 'a${?}',
    context: { [SUB]: 'a?' },
    passed: true,
  },
  {
    name: 'StringLike ${?} does not match any one character',
    operator: 'StringLike',
    value: 'a${?}',
    context: { [SUB]: 'ab' },
    passed: false,
  },
  {
    name: 'StringLike ${$} is a dollar',
    operator: 'StringLike',
    value: '${$}x*',
    context: { [SUB]: '$xyz' },
    passed: true,
  },
  {
    name: 'StringEquals ${*} equals a star',
    operator: 'StringEquals',
    value: '${*}',
    context: { [SUB]: '*' },
    passed: true,
  },
  {
    name: 'StringEquals ${*} is not the text ${*}',
    operator: 'StringEquals',
    value: '${*}',
    context: { [SUB]: '${*}' },
    passed: false,
  },
  {
    name: 'StringEquals ${$}{x} is the text ${x}',
    operator: 'StringEquals',
    value: '${$}{x}',
    context: { [SUB]: '${x}' },
    passed: true,
  },
  {
    name: 'StringNotLike ${*} does not match other text',
    operator: 'StringNotLike',
    value: '${*}',
    context: { [SUB]: 'abc' },
    passed: true,
  },
  {
    name: 'a claim variable takes the request value',
    operator: 'StringLike',
    value: 'repo:${token.actions.githubusercontent.com:repository}:*',
    context: { [SUB]: 'repo:o/r:ref:refs/heads/main', [REPO]: 'o/r' },
    passed: true,
  },
  {
    name: 'variable key names are case-insensitive',
    operator: 'StringEquals',
    value: 'repo:${Token.Actions.GithubUserContent.com:Repository}:pull_request',
    context: { [SUB]: 'repo:o/r:pull_request', [REPO]: 'o/r' },
    passed: true,
  },
  {
    name: 'a wildcard inside a variable value is literal',
    operator: 'StringLike',
    value: 'repo:${token.actions.githubusercontent.com:repository}',
    context: { [SUB]: 'repo:o/r', [REPO]: 'o/*' },
    passed: false,
  },
  {
    name: 'StringLike with an unresolved variable matches nothing',
    operator: 'StringLike',
    value: '${aws:PrincipalTag/team}*',
    context: { [SUB]: 'anything' },
    passed: false,
  },
  {
    name: 'StringEquals with an unresolved variable matches nothing',
    operator: 'StringEquals',
    value: '${aws:username}',
    context: { [SUB]: '' },
    passed: false,
  },
  {
    name: 'StringNotEquals with an unresolved variable matches',
    operator: 'StringNotEquals',
    value: '${aws:username}',
    context: { [SUB]: 'x' },
    passed: true,
  },
  {
    name: 'StringNotLike with an unresolved variable matches',
    operator: 'StringNotLike',
    value: 'repo:${aws:PrincipalTag/repo}:*',
    context: { [SUB]: 'repo:o/r:pull_request' },
    passed: true,
  },
  {
    name: 'a default value stands in for a missing key',
    operator: 'StringEquals',
    value: "repo:${aws:PrincipalTag/repo, 'o/r'}:pull_request",
    context: { [SUB]: 'repo:o/r:pull_request' },
    passed: true,
  },
  {
    name: 'a multivalued key cannot be a variable',
    operator: 'StringEquals',
    value: '${aws:TagKeys}',
    context: { [SUB]: 'a', 'aws:TagKeys': ['a'] },
    passed: false,
  },
  {
    name: 'ArnLike resolves variables too',
    operator: 'ArnLike',
    value: 'arn:aws:iam::${aws:PrincipalAccount}:role/*',
    context: { 'aws:SourceArn': 'arn:aws:iam::123456789012:role/x', 'aws:PrincipalAccount': '123456789012' },
    passed: true,
  },
  {
    name: 'Numeric operators take no variables',
    operator: 'NumericEquals',
    value: '${aws:MultiFactorAuthAge}',
    context: { [SUB]: '5', 'aws:MultiFactorAuthAge': '5' },
    passed: false,
  },
];

describe('policy variables in condition values', () => {
  it.each(cases)('$name', ({ operator, value, context, passed }) => {
    const key = operator.startsWith('Arn') ? 'aws:SourceArn' : SUB;
    expect(evaluateCondition({ operator, key, values: [value] }, context).passed).toBe(passed);
  });

  it('says when a variable has no value in the request', () => {
    const outcome = evaluateCondition(
      { operator: 'StringEquals', key: SUB, values: ['${aws:username}'] },
      { [SUB]: 'x' },
    );
    expect(outcome.note).toMatch(/\$\{aws:username\} has no value/);
  });

  it('are literal text in a policy without Version 2012-10-17', () => {
    const statement = {
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [SUB]: 'repo:${aws:username}' } },
    };
    const request = { principal: { type: 'Federated' as const, id: 'p' }, action: 'sts:AssumeRoleWithWebIdentity' };
    const literal = { [SUB]: 'repo:${aws:username}' };
    const versioned = normalizePolicy({ Version: '2012-10-17', Statement: [statement] }, 't');
    const unversioned = normalizePolicy({ Statement: [statement] }, 't');
    expect(evaluatePolicy(unversioned, { ...request, context: literal }).verdict).toBe('allowed');
    expect(evaluatePolicy(versioned, { ...request, context: literal }).verdict).toBe('denied');
  });
});
