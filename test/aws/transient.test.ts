import { ECSServiceException, ServerException } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { describeAwsError, isThrottling, isTransient } from '../../src/aws/transient.js';

const sdkError = (name: string, status: number, fault: 'client' | 'server' = 'client') =>
  new ECSServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status }, message: name });

describe('isTransient', () => {
  it.each([
    [sdkError('ThrottlingException', 400), true, true],
    [Object.assign(sdkError('SomethingElse', 400), { $retryable: { throttling: true } }), true, true],
    [new ServerException({ $metadata: { httpStatusCode: 500 }, message: 'boom' }), true, false],
    [sdkError('ServiceUnavailable', 503, 'server'), true, false],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true, false],
    [sdkError('AccessDeniedException', 400), false, false],
    [sdkError('ClientException', 400), false, false],
    ['a string', false, false],
  ])('%o → transient %s, throttling %s', (error, transient, throttling) => {
    expect(isTransient(error)).toBe(transient);
    expect(isThrottling(error)).toBe(throttling);
  });

  it('describes an error by name and status', () => {
    expect(describeAwsError(sdkError('ThrottlingException', 400))).toBe('ThrottlingException (400)');
  });
});
