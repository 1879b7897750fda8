import { describe, expect, it } from 'vitest';
import { digestOf, imageWarnings, parseImageReference } from '../../src/deploy/image.js';
import { UserError } from '../../src/errors.js';

const REPO = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello-service';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseImageReference', () => {
  it.each([
    [
      `${REPO}@${DIGEST}`,
      {
        registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        repository: 'hello-service',
        tag: undefined,
        digest: DIGEST,
      },
    ],
    [`${REPO}:3f2c1a9`, { repository: 'hello-service', tag: '3f2c1a9', digest: undefined }],
    [`${REPO}:3f2c1a9@${DIGEST}`, { tag: '3f2c1a9', digest: DIGEST }],
    ['localhost:5000/team/app:v1', { registry: 'localhost:5000', repository: 'team/app', tag: 'v1' }],
    ['team/app', { registry: undefined, repository: 'team/app', tag: undefined }],
  ])('%s', (uri, expected) => {
    expect(parseImageReference(uri)).toMatchObject(expected);
  });

  it.each(['', 'Not An Image', `${REPO}@sha256:short`, `${REPO}:`, 'UPPER/case', `${REPO}:-bad`])(
    'rejects %j as a usage error',
    (uri) => {
      expect(() => parseImageReference(uri)).toThrow(UserError);
    },
  );

  it('digestOf never throws', () => {
    expect(digestOf(`${REPO}@${DIGEST}`)).toBe(DIGEST);
    expect(digestOf(`${REPO}:v1`)).toBeNull();
    expect(digestOf('not an image')).toBeNull();
  });
});

describe('imageWarnings', () => {
  it.each([
    [`${REPO}@${DIGEST}`, []],
    [`${REPO}:3f2c1a9`, []],
    [`${REPO}:latest`, [/mutable tag :latest/]],
    [`${REPO}:main`, [/mutable tag :main/]],
    [REPO, [/neither tag nor digest/]],
    [`123456789012.dkr.ecr.eu-west-1.amazonaws.com/other@${DIGEST}`, [/is not in .*hello-service/]],
  ])('%s', (uri, expected) => {
    const warnings = imageWarnings(parseImageReference(uri), REPO);
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((pattern, i) => {
      expect(warnings[i]).toMatch(pattern);
    });
  });
});
