import { type CfnCondition, CfnResource, Duration } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

export interface ServiceScalingProps {
  readonly service: ecs.BaseService;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly min: number;
  readonly max: number;
  /** Target average CPU utilization (ECSServiceAverageCPUUtilization). */
  readonly cpuPercent?: number | undefined;
  /** Target requests per task per minute (ALBRequestCountPerTarget, labelled with the target group). */
  readonly requestsPerTarget?: number | undefined;
  /** Create the scaling resources only when this holds (see ServiceStack: only once an image is deployed). */
  readonly condition?: CfnCondition;
}

/**
 * Scale-out waits one minute between steps, scale-in five. Application Auto Scaling's default is 300 s both ways for
 * ECS services, and it advises scaling in conservatively to protect availability while scaling out continuously
 * (Application Auto Scaling API Reference, TargetTrackingScalingPolicyConfiguration).
 */
export const SCALE_OUT_COOLDOWN = Duration.seconds(60);
export const SCALE_IN_COOLDOWN = Duration.seconds(300);

/** Application Auto Scaling of the service's task count between `min` and `max`, by target tracking. */
export class ServiceScaling extends Construct {
  constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    const count = props.service.autoScaleTaskCount({ minCapacity: props.min, maxCapacity: props.max });
    const cooldowns = { scaleOutCooldown: SCALE_OUT_COOLDOWN, scaleInCooldown: SCALE_IN_COOLDOWN };
    if (props.cpuPercent !== undefined) {
      count.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: props.cpuPercent, ...cooldowns });
    }
    if (props.requestsPerTarget !== undefined) {
      count.scaleOnRequestCount('Requests', {
        requestsPerTarget: props.requestsPerTarget,
        targetGroup: props.targetGroup,
        ...cooldowns,
      });
    }
    const { condition } = props;
    if (condition === undefined) return;
    // The scalable target lives under the service; its policies under the target.
    for (const resource of props.service.node.findAll()) {
      if (resource instanceof CfnResource && /^AWS::ApplicationAutoScaling::/.test(resource.cfnResourceType)) {
        resource.cfnOptions.condition = condition;
      }
    }
  }
}
