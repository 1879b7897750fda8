import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Identify, liveGate, stsIdentify } from '../live/gate.js';

const ACCOUNT = '210987654321';
const ARMED = { HATOBA_LIVE: '1', HATOBA_LIVE_ACCOUNT: ACCOUNT };

function identity(account: string): Identify {
  return vi.fn(async () => ({ Account: account, Arn: `arn:aws:sts::${account}:assumed-role/live/session` }));
}

describe('live account guard', () => {
  it.each([
    [{}, /set HATOBA_LIVE=1 and HATOBA_LIVE_ACCOUNT/],
    [{ HATOBA_LIVE: 'true', HATOBA_LIVE_ACCOUNT: ACCOUNT }, /set HATOBA_LIVE=1/],
    [{ HATOBA_LIVE: '1' }, /HATOBA_LIVE_ACCOUNT must be the 12-digit id .* \(got ""\)/],
    [{ HATOBA_LIVE: '1', HATOBA_LIVE_ACCOUNT: '21098765432' }, /must be the 12-digit id/],
    [{ ...ARMED, HATOBA_LIVE_REGION: 'moon-1' }, /HATOBA_LIVE_REGION=moon-1 is not a commercial AWS Region/],
    [{ ...ARMED, HATOBA_LIVE_REGION: 'cn-north-1' }, /not a commercial AWS Region/],
  ])('skips without calling AWS: %j', async (env, reason) => {
    const identify = identity(ACCOUNT);
    const gate = await liveGate(env, identify);
    expect(gate).toEqual({ run: false, reason: expect.stringMatching(reason) });
    expect(identify).not.toHaveBeenCalled();
  });

  it('runs when the credentials belong to HATOBA_LIVE_ACCOUNT, in us-east-1 unless HATOBA_LIVE_REGION says', async () => {
    const identify = identity(ACCOUNT);
    expect(await liveGate(ARMED, identify)).toEqual({
      run: true,
      account: ACCOUNT,
      region: 'us-east-1',
      caller: `arn:aws:sts::${ACCOUNT}:assumed-role/live/session`,
    });
    expect(identify).toHaveBeenCalledWith('us-east-1');
    expect(await liveGate({ ...ARMED, HATOBA_LIVE_REGION: 'eu-west-1' }, identify)).toMatchObject({
      run: true,
      region: 'eu-west-1',
    });
  });

  it('refuses credentials for any other account, naming both', async () => {
    const gate = await liveGate(ARMED, identity('123456789012'));
    expect(gate).toEqual({
      run: false,
      reason: `the AWS credentials are for account 123456789012, not HATOBA_LIVE_ACCOUNT=${ACCOUNT}; refusing to create anything there`,
    });
  });

  it('skips with the STS error when there are no usable credentials', async () => {
    const identify: Identify = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    expect(await liveGate(ARMED, identify)).toEqual({
      run: false,
      reason: expect.stringContaining(
        'no usable AWS credentials: STS GetCallerIdentity failed (Could not load credentials from any providers)',
      ),
    });
  });

  describe('with the real STS client', () => {
    const sts = mockClient(STSClient);
    afterEach(() => sts.reset());

    it('asks STS GetCallerIdentity in the run’s Region', async () => {
      sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/live` });
      expect(await liveGate({ ...ARMED, HATOBA_LIVE_REGION: 'eu-north-1' }, stsIdentify)).toMatchObject({
        run: true,
        region: 'eu-north-1',
      });
      expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
      expect(await sts.call(0).thisValue.config.region()).toBe('eu-north-1');
    });
  });
});
