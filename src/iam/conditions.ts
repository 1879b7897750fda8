import { arnMatch, type Glob, globMatch, literalText } from './match.js';
import type { ConditionEntry } from './policy.js';
import { resolveValue } from './variables.js';

/**
 * IAM condition operator semantics (IAM User Guide, "Condition operators" and "Conditions with multiple context keys
 * or values"): values of one key are ORed (NORed for negated operators), keys and operators are ANDed by the caller.
 * A missing key fails a positive operator and passes a negated one; `...IfExists` passes when the key is missing;
 * `ForAllValues:` passes when the key is missing, `ForAnyValue:` fails, with or without `IfExists` (the set operator
 * decides first: "Multivalued context keys"; `ForAnyValue:StringEqualsIfExists` on a missing key does not match).
 * String and ARN values may hold policy variables (variables.ts).
 */

/** A request context value: one string, or a list for multivalued keys. */
export type ContextValue = string | readonly string[];

/** Condition keys of a request. Key names are matched case-insensitively. */
export type RequestContext = Readonly<Record<string, ContextValue>>;

type Comparison = 'String' | 'StringIgnoreCase' | 'StringLike' | 'Arn' | 'Bool' | 'Numeric' | 'Date';

export interface ParsedOperator {
  /** The operator without set prefix or IfExists suffix, e.g. `StringNotLike`. */
  base: string;
  set?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
  negated: boolean;
  comparison: Comparison | 'Null';
  /** For Numeric and Date: which ordering the operator asks for. */
  order?: 'eq' | 'lt' | 'le' | 'gt' | 'ge';
}

export interface ConditionOutcome {
  operator: string;
  key: string;
  expected: string[];
  /** The request's value; undefined when the key is not in the request. */
  actual: ContextValue | undefined;
  passed: boolean;
  /** Why it passed or failed when that is not a plain comparison (missing key, IfExists, set operator). */
  note?: string;
  /** The operator is not one hatoba evaluates (e.g. IpAddress); `passed` is then false. */
  unsupported?: true;
}

const BASES: Record<string, Pick<ParsedOperator, 'comparison' | 'negated' | 'order'>> = {
  StringEquals: { comparison: 'String', negated: false },
  StringNotEquals: { comparison: 'String', negated: true },
  StringEqualsIgnoreCase: { comparison: 'StringIgnoreCase', negated: false },
  StringNotEqualsIgnoreCase: { comparison: 'StringIgnoreCase', negated: true },
  StringLike: { comparison: 'StringLike', negated: false },
  StringNotLike: { comparison: 'StringLike', negated: true },
  ArnEquals: { comparison: 'Arn', negated: false },
  ArnLike: { comparison: 'Arn', negated: false },
  ArnNotEquals: { comparison: 'Arn', negated: true },
  ArnNotLike: { comparison: 'Arn', negated: true },
  Bool: { comparison: 'Bool', negated: false },
  NumericEquals: { comparison: 'Numeric', negated: false, order: 'eq' },
  NumericNotEquals: { comparison: 'Numeric', negated: true, order: 'eq' },
  NumericLessThan: { comparison: 'Numeric', negated: false, order: 'lt' },
  NumericLessThanEquals: { comparison: 'Numeric', negated: false, order: 'le' },
  NumericGreaterThan: { comparison: 'Numeric', negated: false, order: 'gt' },
  NumericGreaterThanEquals: { comparison: 'Numeric', negated: false, order: 'ge' },
  DateEquals: { comparison: 'Date', negated: false, order: 'eq' },
  DateNotEquals: { comparison: 'Date', negated: true, order: 'eq' },
  DateLessThan: { comparison: 'Date', negated: false, order: 'lt' },
  DateLessThanEquals: { comparison: 'Date', negated: false, order: 'le' },
  DateGreaterThan: { comparison: 'Date', negated: false, order: 'gt' },
  DateGreaterThanEquals: { comparison: 'Date', negated: false, order: 'ge' },
};

/** Parses `ForAllValues:StringLikeIfExists` and friends; undefined for operators hatoba does not evaluate. */
export function parseOperator(operator: string): ParsedOperator | undefined {
  let rest = operator;
  let set: ParsedOperator['set'];
  const prefix = /^(ForAnyValue|ForAllValues):/.exec(rest);
  if (prefix) {
    set = prefix[1] as ParsedOperator['set'];
    rest = rest.slice(prefix[0].length);
  }
  if (rest === 'Null') return set ? undefined : { base: 'Null', ifExists: false, negated: false, comparison: 'Null' };
  const ifExists = rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const semantics = BASES[base];
  if (!semantics) return undefined;
  return set ? { base, set, ifExists, ...semantics } : { base, ifExists, ...semantics };
}

/** Looks a key up the way IAM does: key names are case-insensitive. */
function contextValue(context: RequestContext, key: string): ContextValue | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() === wanted) return value;
  }
  return undefined;
}

export interface ConditionOptions {
  /** Policy variables are resolved (the policy has `"Version": "2012-10-17"`). @default true */
  readonly variables?: boolean;
}

/** Evaluates one (operator, key, values) entry against the request. */
export function evaluateCondition(
  entry: ConditionEntry,
  context: RequestContext,
  options: ConditionOptions = {},
): ConditionOutcome {
  const actual = contextValue(context, entry.key);
  const outcome = (passed: boolean, note?: string): ConditionOutcome => {
    const result: ConditionOutcome = {
      operator: entry.operator,
      key: entry.key,
      expected: entry.values,
      actual,
      passed,
    };
    if (note) result.note = note;
    return result;
  };
  const op = parseOperator(entry.operator);
  if (!op) {
    return { ...outcome(false, `hatoba does not evaluate ${entry.operator}`), unsupported: true };
  }

  if (op.comparison === 'Null') {
    // Null: "true" asks for the key to be absent, "false" for it to be present; any other value matches neither.
    const absent = actual === undefined;
    const passed = entry.values.some((value) => {
      const wanted = value.toLowerCase();
      return (wanted === 'true' && absent) || (wanted === 'false' && !absent);
    });
    return outcome(passed, absent ? 'the key is not in the request' : undefined);
  }

  if (actual === undefined) {
    // The set operator decides before IfExists.
    if (op.set === 'ForAllValues') return outcome(true, 'ForAllValues passes when the key is not in the request');
    if (op.set === 'ForAnyValue') return outcome(false, 'ForAnyValue fails when the key is not in the request');
    if (op.ifExists) return outcome(true, 'IfExists passes when the key is not in the request');
    if (op.negated) return outcome(true, 'a negated operator passes when the key is not in the request');
    return outcome(false, 'the key is not in the request');
  }

  const policyValues = entry.values.map((value) => compile(op, value, context, options.variables ?? true));
  const unresolved = policyValues.flatMap((value) => ('unresolved' in value ? [value.unresolved] : []));
  const requestValues = typeof actual === 'string' ? [actual] : actual;
  // One request value satisfies the operator when it matches any policy value (negated: matches none). A policy
  // value whose variable has no value is null: it equals and is like nothing.
  const satisfies = (value: string) => {
    const matched = policyValues.some((expected) => 'glob' in expected && compare(op, expected.glob, value));
    return op.negated ? !matched : matched;
  };
  const note =
    unresolved.length > 0
      ? `${unresolved.join(', ')} ${unresolved.length === 1 ? 'has' : 'have'} no value in this request, so ` +
        `${unresolved.length === 1 ? 'that value matches' : 'those values match'} nothing`
      : undefined;
  if (op.set === 'ForAllValues') return outcome(requestValues.every(satisfies), note);
  if (op.set === 'ForAnyValue') return outcome(requestValues.some(satisfies), note);
  // A plain operator on a multivalued key: positive needs one match, negated needs no value to match.
  return outcome(op.negated ? requestValues.every(satisfies) : requestValues.some(satisfies), note);
}

/** Policy variables apply to the string and ARN operators only ("Where you can use policy variables"). */
function compile(op: ParsedOperator, value: string, context: RequestContext, variables: boolean) {
  const takesVariables =
    op.comparison === 'String' ||
    op.comparison === 'StringIgnoreCase' ||
    op.comparison === 'StringLike' ||
    op.comparison === 'Arn';
  const wildcards = op.comparison === 'StringLike' || op.comparison === 'Arn';
  return resolveValue(value, (key) => contextValue(context, key), {
    wildcards,
    variables: variables && takesVariables,
  });
}

/** Does the request value match one policy value (ignoring negation)? */
function compare(op: ParsedOperator, expected: Glob, actual: string): boolean {
  const text = () => literalText(expected) ?? '';
  switch (op.comparison) {
    case 'String':
      return text() === actual;
    case 'StringIgnoreCase':
      return text().toLowerCase() === actual.toLowerCase();
    case 'StringLike':
      return globMatch(expected, actual);
    case 'Arn':
      return arnMatch(expected, actual);
    case 'Bool':
      return text().toLowerCase() === actual.toLowerCase();
    case 'Numeric':
      return ordered(op.order, Number(actual), Number(text()));
    case 'Date':
      return ordered(op.order, dateValue(actual), dateValue(text()));
    default:
      return false;
  }
}

function ordered(order: ParsedOperator['order'], actual: number, expected: number): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return false;
  switch (order) {
    case 'lt':
      return actual < expected;
    case 'le':
      return actual <= expected;
    case 'gt':
      return actual > expected;
    case 'ge':
      return actual >= expected;
    default:
      return actual === expected;
  }
}

/** IAM dates are ISO 8601 or epoch seconds. */
function dateValue(value: string): number {
  return /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}
