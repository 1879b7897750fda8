import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { FakeCloudTrail } from './fake-cloudtrail.js';

// The fake must refuse what LookupEvents refuses, or the explain --role tests could pass against rules AWS enforces.
const NOW = Date.parse('2026-10-08T13:00:00Z');
const clock = new VirtualClock(NOW);
const trail = new FakeCloudTrail(clock);
const name = { AttributeKey: 'EventName' as const, AttributeValue: 'AssumeRoleWithWebIdentity' };
const record = (minutesAgo: number, id: string) => ({
  eventName: 'AssumeRoleWithWebIdentity',
  eventSource: 'sts.amazonaws.com',
  eventID: id,
  eventTime: new Date(NOW - minutesAgo * 60_000).toISOString(),
});

afterEach(async () => {
  await clock.sleep(2000);
});

describe('FakeCloudTrail', () => {
  const tokyo = new CloudTrailClient({ region: 'ap-northeast-1' });
  const virginia = new CloudTrailClient({ region: 'us-east-1' });
  trail.record('ap-northeast-1', record(5, 'a'));
  trail.record('ap-northeast-1', record(6, 'b'));
  trail.record('ap-northeast-1', record(91 * 24 * 60, 'too-old'));
  trail.record('us-east-1', record(7, 'c'));

  it('keeps events per Region, newest first, within 90 days, in the SDK shape', async () => {
    const page = await tokyo.send(new LookupEventsCommand({ LookupAttributes: [name] }));
    expect(page.Events?.map((e) => e.EventId)).toEqual(['a', 'b']);
    expect(JSON.parse(page.Events?.[0]?.CloudTrailEvent ?? '{}').eventID).toBe('a');
    const other = await virginia.send(new LookupEventsCommand({ LookupAttributes: [name] }));
    expect(other.Events?.map((e) => e.EventId)).toEqual(['c']);
  });

  it('refuses two lookup attributes, MaxResults over 50 and a reversed time range', async () => {
    await expect(
      tokyo.send(
        new LookupEventsCommand({ LookupAttributes: [name, { AttributeKey: 'ReadOnly', AttributeValue: 'true' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidLookupAttributesException' });
    await clock.sleep(1000);
    await expect(tokyo.send(new LookupEventsCommand({ MaxResults: 51 }))).rejects.toMatchObject({
      name: 'InvalidMaxResultsException',
    });
    await clock.sleep(1000);
    await expect(
      tokyo.send(new LookupEventsCommand({ StartTime: new Date(NOW), EndTime: new Date(NOW - 1000) })),
    ).rejects.toMatchObject({ name: 'InvalidTimeRangeException' });
  });

  it('pages with NextToken only under the same parameters', async () => {
    const first = await tokyo.send(new LookupEventsCommand({ LookupAttributes: [name], MaxResults: 1 }));
    expect(first.NextToken).toBeDefined();
    await clock.sleep(1000);
    const second = await tokyo.send(
      new LookupEventsCommand({ LookupAttributes: [name], MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.Events?.map((e) => e.EventId)).toEqual(['b']);
    await clock.sleep(1000);
    await expect(
      tokyo.send(new LookupEventsCommand({ MaxResults: 1, NextToken: first.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
  });

  it('throttles a third request within one second in the same Region, not in another', async () => {
    await tokyo.send(new LookupEventsCommand({}));
    await tokyo.send(new LookupEventsCommand({}));
    await virginia.send(new LookupEventsCommand({}));
    await expect(tokyo.send(new LookupEventsCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});
