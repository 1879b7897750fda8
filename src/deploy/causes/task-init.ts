import { logGroupMissing } from '../../causes/log-group-missing.js';
import { registryAuthDenied } from '../../causes/registry-auth-denied.js';
import { secretNotFound } from '../../causes/secret-not-found.js';
import { secretsAccessDenied } from '../../causes/secrets-access-denied.js';
import { taskInitFailed } from '../../causes/task-init-failed.js';
import { taskNetwork } from '../../causes/task-network.js';
import { type Cause, type CauseRule, causeOf, firstMatch } from '../cause.js';

/** ResourceInitializationError: ECS failed to prepare the task (secrets, registry auth, logs, network). */
const RULES: readonly CauseRule[] = [
  { cause: logGroupMissing, when: /log group does not exist|failed to validate logger args/i },
  {
    cause: secretNotFound,
    when: /ResourceNotFoundException|can't find the specified secret|ParameterNotFound|invalid parameters/i,
  },
  {
    cause: secretsAccessDenied,
    when: /(retrieve secret|secretsmanager|ssm|GetParameters|kms)[\s\S]*(AccessDenied|not authorized)/i,
  },
  { cause: registryAuthDenied, when: /(registry auth|GetAuthorizationToken)[\s\S]*(AccessDenied|not authorized)/i },
  { cause: taskNetwork, when: /deadline exceeded|i\/o timeout|dial tcp|timed? ?out/i },
];

export function classifyTaskInit(text: string): Omit<Cause, 'evidence'> | undefined {
  if (!/ResourceInitializationError/.test(text)) return undefined;
  return causeOf(firstMatch(RULES, text)?.cause ?? taskInitFailed, undefined, 'immediate');
}
