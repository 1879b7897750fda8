import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

/** When one alarm fires: the metric at or above `threshold` for `evaluationPeriods` periods of `periodSeconds`. */
export interface RollbackAlarmSettings {
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

export interface RollbackAlarmsProps {
  readonly service: ecs.BaseService;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** Alarm names: fixed, so the deploy role's policy can name them before the service stack exists. */
  readonly names: { readonly http5xx: string; readonly unhealthyHosts: string };
  /** `false`: no such alarm. */
  readonly http5xx: RollbackAlarmSettings | false;
  readonly unhealthyHosts: RollbackAlarmSettings | false;
}

/**
 * CloudWatch alarms on the service's target group that ECS watches during every deployment and its bake time; when
 * one goes to ALARM, ECS fails the deployment and rolls back to the last completed one ("How CloudWatch alarms detect
 * Amazon ECS deployment failures", Amazon ECS Developer Guide). The alarms have no actions: ECS reads their state.
 */
export class RollbackAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: RollbackAlarmsProps) {
    super(scope, id);
    const { metrics } = props.targetGroup;
    if (props.http5xx !== false) {
      this.add('Http5xx', props.names.http5xx, props.http5xx, (period) =>
        metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum', period }),
      );
    }
    if (props.unhealthyHosts !== false) {
      this.add('UnhealthyHosts', props.names.unhealthyHosts, props.unhealthyHosts, (period) =>
        metrics.unhealthyHostCount({ statistic: 'Maximum', period }),
      );
    }
    if (this.alarms.length === 0) return;
    // AWS::ECS::Service DeploymentAlarms: AlarmNames, Enable, Rollback (all required). The names are references, so
    // CloudFormation creates the alarms before the service that must find them.
    props.service.enableDeploymentAlarms(
      this.alarms.map((alarm) => alarm.alarmName),
      { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM },
    );
  }

  private add(
    id: string,
    alarmName: string,
    settings: RollbackAlarmSettings,
    metric: (period: Duration) => cloudwatch.IMetric,
  ): void {
    this.alarms.push(
      new cloudwatch.Alarm(this, id, {
        alarmName,
        alarmDescription: `hatoba: ECS rolls a deployment back while this alarm is in ALARM`,
        metric: metric(Duration.seconds(settings.periodSeconds)),
        threshold: settings.threshold,
        evaluationPeriods: settings.evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // The load balancer publishes HTTPCode_Target_5XX_Count only when there are such responses: no data is good news.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
