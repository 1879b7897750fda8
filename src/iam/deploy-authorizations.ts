import type { HatobaConfig } from '../config/resolve.js';
import { deployPermissionsPolicy } from './permissions.js';
import type { PolicyStatementJson } from './policy.js';

/** One request IAM authorizes: an action on one resource ARN (or `*`), with the condition keys the request sets. */
export interface Authorization {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string>>;
}

// Stand-ins for the parts of an ARN only a real request knows (a revision, a task id, a log stream, a stack id).
const INSTANCE = '1';

/**
 * The authorizations `hatoba deploy` and the workflow's image push need, one per action and resource of the generated
 * deploy policy, on a concrete resource inside the grant and with the condition values the grant requires. The generated
 * policy is exactly what those calls need (test/iam/permission-coverage.test.ts proves it both ways), so this list is
 * the calls, derived from the product code rather than kept a second time.
 */
export function deployAuthorizations(config: HatobaConfig): Authorization[] {
  return deployPermissionsPolicy(config).Statement.flatMap((statement) =>
    list(statement.Action).flatMap((action) =>
      list(statement.Resource).map((resource) => ({
        action,
        resource: concrete(resource),
        context: conditionContext(statement),
      })),
    ),
  );
}

function conditionContext(statement: PolicyStatementJson): Record<string, string> {
  const context: Record<string, string> = {};
  for (const block of Object.values(statement.Condition ?? {})) {
    for (const [key, values] of Object.entries(block)) context[key] = concrete(list(values)[0] ?? '');
  }
  return context;
}

/** `arn:…:task-definition/app:*` → `arn:…:task-definition/app:1`; a bare `*` (no resource type) stays. */
function concrete(pattern: string): string {
  return pattern === '*' ? pattern : pattern.replace(/\*/g, INSTANCE);
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
