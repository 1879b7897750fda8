import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const secretsAccessDenied = defineCause({
  id: 'secrets-access-denied',
  title: 'The task execution role may not read a secret it needs',
  fix: 'Allow the execution role secretsmanager:GetSecretValue or ssm:GetParameters on the exact ARNs in ecs.container.secrets (and kms:Decrypt for a customer-managed key); `hatoba up` grants exactly these.',
});
