import { describe, expect, it, vi } from 'vitest';

const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('@aws-sdk/client-cloudtrail', () => ({
  CloudTrailClient: class {
    constructor(readonly config: unknown) {
      built.count += 1;
    }
    send() {
      return Promise.resolve({});
    }
  },
}));

const { createAwsClients } = await import('../../src/aws/clients.js');

describe('createAwsClients', () => {
  it('builds each client on first use, once, with the shared configuration', async () => {
    const clients = await createAwsClients('ap-northeast-1', { env: { AWS_ACCESS_KEY_ID: 'x' } });
    expect(Object.keys(clients).sort()).toEqual(
      ['cloudformation', 'cloudtrail', 'cloudwatch', 'ecr', 'ecs', 'elbv2', 'iam', 'logs', 'sts'].sort(),
    );
    expect(built.count).toBe(0);
    const first = clients.cloudtrail;
    expect(clients.cloudtrail).toBe(first);
    expect(built.count).toBe(1);
    expect((first as unknown as { config: { region: string; retryMode: string } }).config).toMatchObject({
      region: 'ap-northeast-1',
      retryMode: 'adaptive',
    });
  });
});
