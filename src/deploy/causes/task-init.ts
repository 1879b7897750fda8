import { type Cause, type CauseRule, firstMatch } from '../cause.js';

/** ResourceInitializationError: ECS failed to prepare the task (secrets, registry auth, logs, network). */
const RULES: readonly CauseRule[] = [
  {
    id: 'log-group-missing',
    when: /log group does not exist|failed to validate logger args/i,
    title: 'The CloudWatch Logs group of the task does not exist',
    fix: 'Create the log group (`hatoba up` does) or let the execution role create it; its name is in the task definition (awslogs-group).',
  },
  {
    id: 'secret-not-found',
    when: /ResourceNotFoundException|can't find the specified secret|ParameterNotFound|invalid parameters/i,
    title: 'A secret referenced in ecs.container.secrets does not exist',
    fix: 'Fix the ARN in ecs.container.secrets (Region, account, name and the random suffix of Secrets Manager ARNs), or create the secret.',
  },
  {
    id: 'secrets-access-denied',
    when: /(retrieve secret|secretsmanager|ssm|GetParameters|kms)[\s\S]*(AccessDenied|not authorized)/i,
    title: 'The task execution role may not read a secret it needs',
    fix: 'Allow the execution role secretsmanager:GetSecretValue or ssm:GetParameters on the exact ARNs in ecs.container.secrets (and kms:Decrypt for a customer-managed key); `hatoba up` grants exactly these.',
  },
  {
    id: 'registry-auth-denied',
    when: /(registry auth|GetAuthorizationToken)[\s\S]*(AccessDenied|not authorized)/i,
    title: 'The task execution role may not log in to ECR',
    fix: 'Attach ecr:GetAuthorizationToken (Resource *) to the task execution role, e.g. the managed AmazonECSTaskExecutionRolePolicy.',
  },
  {
    id: 'task-network',
    when: /deadline exceeded|i\/o timeout|dial tcp|timed? ?out/i,
    title: 'The task cannot reach AWS endpoints (ECR, Secrets Manager, SSM or CloudWatch Logs)',
    fix: 'Give the task subnets a route out: public subnets with network.assignPublicIp true, a NAT gateway, or VPC endpoints for the services it needs; allow outbound 443.',
  },
];

const FALLBACK: CauseRule = {
  id: 'task-init-failed',
  when: /./,
  title: 'ECS could not prepare the task before starting the container',
  fix: 'The evidence names the resource ECS failed to fetch.',
};

export function classifyTaskInit(text: string): Omit<Cause, 'evidence'> | undefined {
  if (!/ResourceInitializationError/.test(text)) return undefined;
  const rule = firstMatch(RULES, text) ?? FALLBACK;
  return { id: rule.id, title: rule.title, fix: rule.fix, urgency: 'immediate' };
}
