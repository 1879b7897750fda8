import type { LintRule } from '../rule.js';
import { audienceMismatch } from './audience-mismatch.js';
import { environmentDeployMismatch } from './environment-deploy-mismatch.js';
import { environmentUnknown } from './environment-unknown.js';
import { idTokenPermission } from './id-token-permission.js';
import { outdatedAction } from './outdated-action.js';
import { persistCredentials } from './persist-credentials.js';
import { pullRequestTargetWithOidc } from './pull-request-target-with-oidc.js';
import { registryCacheImmutableTag } from './registry-cache-immutable-tag.js';
import { roleArnHardcoded } from './role-arn-hardcoded.js';
import { trustSubjectMismatch } from './trust-subject-mismatch.js';
import { unexpandedExpression } from './unexpanded-expression.js';
import { unpinnedAction } from './unpinned-action.js';
import { untrustedInputInRun } from './untrusted-input-in-run.js';
import { untrustedTriggerWithOidc } from './untrusted-trigger-with-oidc.js';
import { workflowIdToken } from './workflow-id-token.js';

/** hatoba's own workflow rules, by stable id (actionlint's findings come as `actionlint/<kind>`). */
export const RULES: readonly LintRule[] = [
  idTokenPermission,
  unexpandedExpression,
  trustSubjectMismatch,
  environmentUnknown,
  environmentDeployMismatch,
  audienceMismatch,
  pullRequestTargetWithOidc,
  unpinnedAction,
  outdatedAction,
  roleArnHardcoded,
  persistCredentials,
  workflowIdToken,
  registryCacheImmutableTag,
  untrustedTriggerWithOidc,
  untrustedInputInRun,
];
