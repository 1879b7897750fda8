import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseOperator, type RequestContext } from '../../src/iam/conditions.js';

const SUB = 'token.actions.githubusercontent.com:sub';
const main = 'repo:o/r:ref:refs/heads/main';
const withSub: RequestContext = { [SUB]: main };
const none: RequestContext = {};

interface Case {
  name: string;
  operator: string;
  values: string[];
  context: RequestContext;
  key?: string;
  passed: boolean;
}

const cases: Case[] = [
  // StringEquals / StringNotEquals
  { name: 'StringEquals exact', operator: 'StringEquals', values: [main], context: withSub, passed: true },
  {
    name: 'StringEquals is case-sensitive in values',
    operator: 'StringEquals',
    values: ['repo:O/R:ref:refs/heads/main'],
    context: withSub,
    passed: false,
  },
  {
    name: 'StringEquals takes * literally',
    operator: 'StringEquals',
    values: ['repo:o/r:*'],
    context: withSub,
    passed: false,
  },
  {
    name: 'StringEquals ORs its values',
    operator: 'StringEquals',
    values: ['repo:o/r:pull_request', main],
    context: withSub,
    passed: true,
  },
  {
    name: 'StringEquals fails on a missing key',
    operator: 'StringEquals',
    values: [main],
    context: none,
    passed: false,
  },
  {
    name: 'StringNotEquals passes on another value',
    operator: 'StringNotEquals',
    values: ['repo:o/r:pull_request'],
    context: withSub,
    passed: true,
  },
  {
    name: 'StringNotEquals NORs its values',
    operator: 'StringNotEquals',
    values: ['repo:o/r:pull_request', main],
    context: withSub,
    passed: false,
  },
  {
    name: 'StringNotEquals passes on a missing key',
    operator: 'StringNotEquals',
    values: [main],
    context: none,
    passed: true,
  },
  // IgnoreCase
  {
    name: 'StringEqualsIgnoreCase',
    operator: 'StringEqualsIgnoreCase',
    values: ['REPO:O/R:REF:REFS/HEADS/MAIN'],
    context: withSub,
    passed: true,
  },
  {
    name: 'StringNotEqualsIgnoreCase',
    operator: 'StringNotEqualsIgnoreCase',
    values: ['REPO:O/R:REF:REFS/HEADS/MAIN'],
    context: withSub,
    passed: false,
  },
  // Like
  { name: 'StringLike with *', operator: 'StringLike', values: ['repo:o/r:*'], context: withSub, passed: true },
  {
    name: 'StringLike with ?',
    operator: 'StringLike',
    values: ['repo:o/r:ref:refs/heads/mai?'],
    context: withSub,
    passed: true,
  },
  {
    name: 'StringLike without a wildcard is exact',
    operator: 'StringLike',
    values: ['repo:o/r'],
    context: withSub,
    passed: false,
  },
  {
    name: 'StringLike is case-sensitive',
    operator: 'StringLike',
    values: ['repo:O/*'],
    context: withSub,
    passed: false,
  },
  { name: 'StringLike fails on a missing key', operator: 'StringLike', values: ['*'], context: none, passed: false },
  {
    name: 'StringNotLike',
    operator: 'StringNotLike',
    values: ['repo:o/r:ref:refs/tags/*'],
    context: withSub,
    passed: true,
  },
  {
    name: 'StringNotLike NORs its values',
    operator: 'StringNotLike',
    values: ['repo:x/*', 'repo:o/*'],
    context: withSub,
    passed: false,
  },
  {
    name: 'StringNotLike passes on a missing key',
    operator: 'StringNotLike',
    values: ['*'],
    context: none,
    passed: true,
  },
  // IfExists
  {
    name: 'StringEqualsIfExists passes on a missing key',
    operator: 'StringEqualsIfExists',
    values: [main],
    context: none,
    passed: true,
  },
  {
    name: 'StringEqualsIfExists checks a present key',
    operator: 'StringEqualsIfExists',
    values: ['x'],
    context: withSub,
    passed: false,
  },
  {
    name: 'StringLikeIfExists checks a present key',
    operator: 'StringLikeIfExists',
    values: ['repo:o/*'],
    context: withSub,
    passed: true,
  },
  // Condition keys are case-insensitive
  {
    name: 'key names are case-insensitive',
    operator: 'StringEquals',
    values: [main],
    key: 'Token.Actions.GitHubUserContent.com:SUB',
    context: withSub,
    passed: true,
  },
  // Set operators
  {
    name: 'ForAllValues passes when the key is missing (the pitfall)',
    operator: 'ForAllValues:StringEquals',
    values: [main],
    context: none,
    passed: true,
  },
  {
    name: 'ForAllValues:StringLike passes on a missing key too',
    operator: 'ForAllValues:StringLike',
    values: ['repo:o/r:*'],
    context: none,
    passed: true,
  },
  {
    name: 'ForAllValues checks every request value',
    operator: 'ForAllValues:StringEquals',
    values: ['a', 'b'],
    context: { k: ['a', 'b'] },
    key: 'k',
    passed: true,
  },
  {
    name: 'ForAllValues fails when one request value is not listed',
    operator: 'ForAllValues:StringEquals',
    values: ['a'],
    context: { k: ['a', 'c'] },
    key: 'k',
    passed: false,
  },
  {
    name: 'ForAllValues passes on an empty list',
    operator: 'ForAllValues:StringEquals',
    values: ['a'],
    context: { k: [] },
    key: 'k',
    passed: true,
  },
  {
    name: 'ForAnyValue fails when the key is missing',
    operator: 'ForAnyValue:StringEquals',
    values: [main],
    context: none,
    passed: false,
  },
  {
    name: 'ForAnyValue needs one request value to match',
    operator: 'ForAnyValue:StringEquals',
    values: ['c'],
    context: { k: ['a', 'c'] },
    key: 'k',
    passed: true,
  },
  {
    name: 'ForAnyValue fails when none match',
    operator: 'ForAnyValue:StringLike',
    values: ['x*'],
    context: { k: ['a', 'c'] },
    key: 'k',
    passed: false,
  },
  {
    name: 'ForAnyValue on a single-valued key',
    operator: 'ForAnyValue:StringEquals',
    values: [main],
    context: withSub,
    passed: true,
  },
  {
    name: 'ForAnyValue:StringNotEquals: one value outside the list',
    operator: 'ForAnyValue:StringNotEquals',
    values: ['a'],
    context: { k: ['a', 'b'] },
    key: 'k',
    passed: true,
  },
  {
    name: 'ForAllValues:StringNotEquals: every value outside the list',
    operator: 'ForAllValues:StringNotEquals',
    values: ['a'],
    context: { k: ['a', 'b'] },
    key: 'k',
    passed: false,
  },
  {
    // The set operator decides before IfExists (IAM User Guide, "Multivalued context keys").
    name: 'ForAnyValue...IfExists fails on a missing key',
    operator: 'ForAnyValue:StringEqualsIfExists',
    values: ['a'],
    context: none,
    passed: false,
  },
  {
    name: 'ForAnyValue negated ...IfExists fails on a missing key',
    operator: 'ForAnyValue:StringNotLikeIfExists',
    values: ['a'],
    context: none,
    passed: false,
  },
  {
    name: 'ForAllValues...IfExists passes on a missing key',
    operator: 'ForAllValues:StringEqualsIfExists',
    values: ['a'],
    context: none,
    passed: true,
  },
  {
    name: 'ForAllValues negated passes on a missing key',
    operator: 'ForAllValues:StringNotEquals',
    values: ['a'],
    context: none,
    passed: true,
  },
  {
    name: 'ForAnyValue on an empty list fails',
    operator: 'ForAnyValue:StringLike',
    values: ['*'],
    context: { [SUB]: [] },
    passed: false,
  },
  {
    name: 'ForAllValues on an empty list passes',
    operator: 'ForAllValues:StringEquals',
    values: ['a'],
    context: { [SUB]: [] },
    passed: true,
  },
  // Null: "true" wants the key absent, "false" present, anything else matches neither.
  { name: 'Null is case-insensitive in its value', operator: 'Null', values: ['TRUE'], context: none, passed: true },
  {
    name: 'Null with a non-boolean value and a present key',
    operator: 'Null',
    values: ['yes'],
    context: withSub,
    passed: false,
  },
  {
    name: 'Null with a non-boolean value and a missing key',
    operator: 'Null',
    values: ['no'],
    context: none,
    passed: false,
  },
  {
    name: 'Null with both values always passes',
    operator: 'Null',
    values: ['true', 'false'],
    context: withSub,
    passed: true,
  },
  // Plain operator on a multivalued key
  {
    name: 'StringEquals on a list needs one match',
    operator: 'StringEquals',
    values: ['b'],
    context: { k: ['a', 'b'] },
    key: 'k',
    passed: true,
  },
  {
    name: 'StringNotEquals on a list needs no match',
    operator: 'StringNotEquals',
    values: ['b'],
    context: { k: ['a', 'b'] },
    key: 'k',
    passed: false,
  },
  // Null
  { name: 'Null true passes on a missing key', operator: 'Null', values: ['true'], context: none, passed: true },
  { name: 'Null true fails on a present key', operator: 'Null', values: ['true'], context: withSub, passed: false },
  { name: 'Null false passes on a present key', operator: 'Null', values: ['false'], context: withSub, passed: true },
  { name: 'Null false fails on a missing key', operator: 'Null', values: ['false'], context: none, passed: false },
  // Bool
  {
    name: 'Bool true',
    operator: 'Bool',
    values: ['true'],
    context: { 'aws:SecureTransport': 'true' },
    key: 'aws:SecureTransport',
    passed: true,
  },
  {
    name: 'Bool false vs true',
    operator: 'Bool',
    values: ['false'],
    context: { 'aws:SecureTransport': 'true' },
    key: 'aws:SecureTransport',
    passed: false,
  },
  {
    name: 'Bool fails on a missing key',
    operator: 'Bool',
    values: ['true'],
    context: none,
    key: 'aws:SecureTransport',
    passed: false,
  },
  {
    name: 'BoolIfExists passes on a missing key',
    operator: 'BoolIfExists',
    values: ['true'],
    context: none,
    key: 'aws:SecureTransport',
    passed: true,
  },
  // ARN operators
  {
    name: 'ArnEquals with a wildcard (same as ArnLike)',
    operator: 'ArnEquals',
    values: ['arn:aws:ecs:eu-west-1:123456789012:cluster/*'],
    context: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/web' },
    key: 'ecs:cluster',
    passed: true,
  },
  {
    name: 'ArnLike per part',
    operator: 'ArnLike',
    values: ['arn:aws:ecs:*:*:cluster/web'],
    context: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/web' },
    key: 'ecs:cluster',
    passed: true,
  },
  {
    name: 'ArnLike does not span parts',
    operator: 'ArnLike',
    values: ['arn:aws:ecs:*'],
    context: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/web' },
    key: 'ecs:cluster',
    passed: false,
  },
  {
    name: 'ArnEquals fails on another cluster',
    operator: 'ArnEquals',
    values: ['arn:aws:ecs:eu-west-1:123456789012:cluster/web'],
    context: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/api' },
    key: 'ecs:cluster',
    passed: false,
  },
  {
    name: 'ArnNotEquals passes on another cluster',
    operator: 'ArnNotEquals',
    values: ['arn:aws:ecs:eu-west-1:123456789012:cluster/web'],
    context: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/api' },
    key: 'ecs:cluster',
    passed: true,
  },
  {
    name: 'ArnNotLike passes on a missing key',
    operator: 'ArnNotLike',
    values: ['arn:*:*:*:*:*'],
    context: none,
    key: 'ecs:cluster',
    passed: true,
  },
  {
    name: 'ArnLike fails on a value that is not an ARN',
    operator: 'ArnLike',
    values: ['arn:*:*:*:*:*'],
    context: { 'ecs:cluster': 'web' },
    key: 'ecs:cluster',
    passed: false,
  },
  // Numeric and Date
  {
    name: 'NumericLessThanEquals',
    operator: 'NumericLessThanEquals',
    values: ['3600'],
    context: { 'sts:DurationSeconds': '3600' },
    key: 'sts:DurationSeconds',
    passed: true,
  },
  {
    name: 'NumericLessThan',
    operator: 'NumericLessThan',
    values: ['3600'],
    context: { 'sts:DurationSeconds': '3600' },
    key: 'sts:DurationSeconds',
    passed: false,
  },
  {
    name: 'DateLessThan',
    operator: 'DateLessThan',
    values: ['2030-01-01T00:00:00Z'],
    context: { 'aws:CurrentTime': '2026-10-01T00:00:00Z' },
    key: 'aws:CurrentTime',
    passed: true,
  },
];

describe('evaluateCondition', () => {
  it.each(cases)('$name', ({ operator, values, context, key, passed }) => {
    const outcome = evaluateCondition({ operator, key: key ?? SUB, values }, context);
    expect(outcome.passed).toBe(passed);
    expect(outcome.operator).toBe(operator);
    expect(outcome.expected).toEqual(values);
  });

  it('reports the request value it compared', () => {
    const outcome = evaluateCondition({ operator: 'StringEquals', key: SUB, values: ['x'] }, withSub);
    expect(outcome.actual).toBe(main);
  });

  it('explains a pass on a missing key', () => {
    expect(evaluateCondition({ operator: 'ForAllValues:StringEquals', key: SUB, values: [main] }, none).note).toMatch(
      /ForAllValues passes when the key is not in the request/,
    );
  });

  it('marks operators it does not evaluate as unsupported and failed', () => {
    const outcome = evaluateCondition({ operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8'] }, none);
    expect(outcome).toMatchObject({ passed: false, unsupported: true });
  });
});

describe('parseOperator', () => {
  it.each([
    ['StringEquals', { base: 'StringEquals', ifExists: false, negated: false }],
    ['StringNotLikeIfExists', { base: 'StringNotLike', ifExists: true, negated: true }],
    ['ForAllValues:StringLike', { base: 'StringLike', set: 'ForAllValues', ifExists: false }],
    ['ForAnyValue:ArnNotEqualsIfExists', { base: 'ArnNotEquals', set: 'ForAnyValue', ifExists: true, negated: true }],
    ['Null', { base: 'Null', comparison: 'Null' }],
  ])('%s', (operator, expected) => {
    expect(parseOperator(operator)).toMatchObject(expected);
  });

  it.each(['IpAddress', 'StringEqualz', 'ForAllValues:Null', 'ForSomeValues:StringEquals'])(
    '%s is not evaluated',
    (operator) => {
      expect(parseOperator(operator)).toBeUndefined();
    },
  );
});
