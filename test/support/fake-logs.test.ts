import { CloudWatchLogsClient, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { FakeLogs } from './fake-logs.js';

const GROUP = '/hatoba/app';
const clock = new VirtualClock(1_000_000);
let fake: FakeLogs;
afterEach(() => fake.restore());

function world() {
  fake = new FakeLogs(clock, 2);
  fake.createGroup(GROUP);
  for (let i = 0; i < 3; i++) fake.write(GROUP, 'ecs/app/t1', 900_000 + i, `line ${i}`);
  return new CloudWatchLogsClient({ region: 'ap-northeast-1' });
}

describe('the fake CloudWatch Logs keeps the API rules the readers rely on', () => {
  it('GetLogEvents: at the end of the stream, nextForwardToken is the token passed in', async () => {
    const logs = world();
    const first = await logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'ecs/app/t1', startFromHead: true }),
    );
    const second = await logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'ecs/app/t1', nextToken: first.nextForwardToken }),
    );
    const end = await logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'ecs/app/t1', nextToken: second.nextForwardToken }),
    );
    expect([first, second].flatMap((r) => r.events ?? []).map((e) => e.message)).toEqual([
      'line 0',
      'line 1',
      'line 2',
    ]);
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(second.nextForwardToken);
  });

  it('FilterLogEvents: names and prefix together are refused; tokens belong to their query; only quoted phrases', async () => {
    const logs = world();
    await expect(
      logs.send(
        new FilterLogEventsCommand({
          logGroupName: GROUP,
          logStreamNames: ['ecs/app/t1'],
          logStreamNamePrefix: 'ecs/',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, logStreamNamePrefix: 'ecs/' }));
    expect(page.nextToken).toBeDefined();
    await expect(
      logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, startTime: 900_001, nextToken: page.nextToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'line' }))).rejects.toThrow(
      /quoted phrase/,
    );
    const late = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, startTime: 900_002 }));
    expect(late.events?.map((e) => e.message)).toEqual(['line 2']);
  });
});
