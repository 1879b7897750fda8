import type { CloudWatchClient, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { rollbackAlarm } from '../causes/rollback-alarm.js';
import { abortable, namingAction } from './aws-call.js';
import { type Cause, causeOf } from './cause.js';

// ECS names no alarm when one fails a deployment: its event says only "(service S) (deployment D) deployment failed:
// alarm detected." ("How CloudWatch alarms detect Amazon ECS deployment failures", Amazon ECS Developer Guide).
export const ALARM_FAILURE = /deployment failed: alarm/i;

/** DescribeAlarms (Amazon CloudWatch API Reference): AlarmNames takes at most 100 names. */
const MAX_ALARM_NAMES = 100;

const COMPARISON: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

/**
 * The cause of an alarm-triggered failure: the deployment's alarm now in ALARM (else the one that changed state last),
 * with its metric, threshold and CloudWatch's StateReason as the evidence. Alarms that cannot be read still name the
 * configured alarms, with why they could not be read.
 */
export async function alarmCause(
  cloudwatch: CloudWatchClient,
  alarmNames: readonly string[],
  signal: AbortSignal,
): Promise<Cause> {
  const names = alarmNames.slice(0, MAX_ALARM_NAMES);
  let alarms: MetricAlarm[];
  try {
    const { DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
    const response = await namingAction(
      'cloudwatch:DescribeAlarms',
      cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm'] }), abortable(signal)),
    );
    alarms = response.MetricAlarms ?? [];
  } catch (error) {
    if (signal.aborted) throw error;
    const why = `${(error as { name?: string }).name ?? 'Error'}: ${(error as Error).message}`;
    return {
      ...causeOf(rollbackAlarm, { alarmName: names.join(' or ') }, 'immediate'),
      evidence: `cannot read the alarm (${why})`,
    };
  }
  const latest = (a: MetricAlarm) => a.StateUpdatedTimestamp?.getTime() ?? 0;
  const fired = alarms.find((a) => a.StateValue === 'ALARM') ?? [...alarms].sort((a, b) => latest(b) - latest(a))[0];
  if (fired === undefined) {
    return {
      ...causeOf(rollbackAlarm, { alarmName: names.join(' or ') }, 'immediate'),
      evidence: 'the alarm no longer exists',
    };
  }
  const condition = describeCondition(fired);
  return {
    ...causeOf(rollbackAlarm, { alarmName: fired.AlarmName ?? '?', condition }, 'immediate'),
    evidence: fired.StateReason ?? '',
  };
}

/** `HTTPCode_Target_5XX_Count (Sum) ≥ 10 for 1 × 60 s`. */
function describeCondition(alarm: MetricAlarm): string {
  const operator = COMPARISON[alarm.ComparisonOperator ?? ''] ?? alarm.ComparisonOperator ?? '?';
  const statistic = alarm.Statistic ?? alarm.ExtendedStatistic;
  const metric = `${alarm.MetricName ?? 'metric'}${statistic ? ` (${statistic})` : ''}`;
  const periods =
    alarm.EvaluationPeriods === undefined ? '' : ` for ${alarm.EvaluationPeriods} × ${alarm.Period ?? '?'} s`;
  return `${metric} ${operator} ${alarm.Threshold ?? '?'}${periods}`;
}
