import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

export interface RollbackAlarmFacts {
  readonly alarmName: string;
  /** `HTTPCode_Target_5XX_Count ≥ 10 for 1 × 60 s`, or undefined when the alarm could not be read. */
  readonly condition?: string | undefined;
}

/** Seen by deploy only: a CloudWatch alarm of the service's deployment configuration went to ALARM (ecs.rollbackAlarms). */
export const rollbackAlarm = defineCause<RollbackAlarmFacts>({
  id: 'rollback-alarm',
  title: ({ alarmName, condition }) =>
    condition === undefined
      ? message('rollback-alarm.title', { alarm: alarmName })
      : message('rollback-alarm.title.condition', { alarm: alarmName, condition }),
  fix: ({ alarmName }) => message('rollback-alarm.fix', { alarm: alarmName }),
});
