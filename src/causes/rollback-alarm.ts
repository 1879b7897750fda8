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
    condition === undefined ? `alarm ${alarmName} fired` : `alarm ${alarmName} (${condition}) fired`,
  fix: ({ alarmName }) =>
    `The new revision passed its health checks but made ${alarmName} fire: read its log lines and the alarm's reason ` +
    'above, fix the application and deploy again. If the threshold is too tight for normal traffic, raise it under ' +
    'ecs.rollbackAlarms in hatoba.yml and run `hatoba up`.',
});
