import { UserError } from '../errors.js';
import { clip, quote } from '../quote.js';
import { findDuplicateKeys } from './json-duplicates.js';

/** IAM policy documents, normalized: every list is an array, every condition one (operator, key, values) entry. */

export type Effect = 'Allow' | 'Deny';

export type PrincipalType = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';

/** `"*"` (anyone), or principal ids by type. `{"AWS": "*"}` is kept as a map holding `*`. */
export type Principal = { kind: 'any' } | { kind: 'map'; values: Partial<Record<PrincipalType, string[]>> };

export interface ConditionEntry {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** As written; IAM compares key names case-insensitively. */
  key: string;
  values: string[];
}

export interface Statement {
  /** Position in the document (0-based), for messages. */
  index: number;
  sid?: string;
  effect: Effect;
  principal?: Principal;
  notPrincipal?: Principal;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ConditionEntry[];
}

export interface PolicyDocument {
  version?: string;
  statements: Statement[];
}

/** Raw JSON shape we generate (and AWS accepts). */
export interface PolicyStatementJson {
  Sid?: string;
  Effect: Effect;
  Principal?: '*' | Partial<Record<PrincipalType, string | string[]>>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocumentJson {
  Version: '2012-10-17';
  Statement: PolicyStatementJson[];
}

export interface PolicyWarning {
  code: 'duplicate-key';
  message: string;
}

const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Federated', 'Service', 'CanonicalUser'];

/** Normalizes a parsed policy object. `source` names the file or flag in error messages. */
export function normalizePolicy(value: unknown, source: string): PolicyDocument {
  if (!isRecord(value)) throw new UserError(`${source}: a policy document must be a JSON object`);
  const raw = value.Statement;
  if (raw === undefined) throw new UserError(`${source}: the policy has no "Statement"`);
  const list = Array.isArray(raw) ? raw : [raw];
  const statements = list.map((statement, index) => normalizeStatement(statement, index, source));
  return typeof value.Version === 'string' ? { version: value.Version, statements } : { statements };
}

function normalizeStatement(value: unknown, index: number, source: string): Statement {
  const where = `${source}: Statement[${index}]`;
  if (!isRecord(value)) throw new UserError(`${where} must be an object`);
  const effect = value.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new UserError(`${where}.Effect must be "Allow" or "Deny" (got ${quote(effect)})`);
  }
  const statement: Statement = { index, effect, conditions: normalizeConditions(value.Condition, where) };
  if (typeof value.Sid === 'string') statement.sid = value.Sid;
  if (value.Principal !== undefined) statement.principal = normalizePrincipal(value.Principal, `${where}.Principal`);
  if (value.NotPrincipal !== undefined) {
    statement.notPrincipal = normalizePrincipal(value.NotPrincipal, `${where}.NotPrincipal`);
  }
  for (const [field, prop] of [
    ['Action', 'action'],
    ['NotAction', 'notAction'],
    ['Resource', 'resource'],
    ['NotResource', 'notResource'],
  ] as const) {
    if (value[field] !== undefined) statement[prop] = stringList(value[field], `${where}.${field}`);
  }
  return statement;
}

function normalizePrincipal(value: unknown, where: string): Principal {
  if (value === '*') return { kind: 'any' };
  if (!isRecord(value)) throw new UserError(`${where} must be "*" or an object such as {"Federated": "arn:…"}`);
  const values: Partial<Record<PrincipalType, string[]>> = {};
  for (const [type, ids] of Object.entries(value)) {
    const known = PRINCIPAL_TYPES.find((candidate) => candidate === type);
    if (!known) throw new UserError(`${where} has unknown principal type ${quote(type)}`);
    values[known] = stringList(ids, `${where}.${type}`);
  }
  return { kind: 'map', values };
}

function normalizeConditions(value: unknown, where: string): ConditionEntry[] {
  if (value === undefined) return [];
  if (!isRecord(value)) throw new UserError(`${where}.Condition must be an object`);
  const entries: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isRecord(block)) {
      throw new UserError(`${where}.Condition.${clip(operator)} must be an object of condition keys`);
    }
    for (const [key, values] of Object.entries(block)) {
      entries.push({
        operator,
        key,
        values: conditionValues(values, `${where}.Condition.${clip(operator)}.${clip(key)}`),
      });
    }
  }
  return entries;
}

function conditionValues(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === 'string') return item;
    // IAM accepts unquoted booleans and numbers and compares their text.
    if (typeof item === 'boolean' || typeof item === 'number') return String(item);
    throw new UserError(`${where} must be a string or a list of strings (got ${quote(item)})`);
  });
}

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => typeof item === 'string')) {
    throw new UserError(`${where} must be a string or a non-empty list of strings`);
  }
  return list as string[];
}

/**
 * Reads a policy from text: a policy document, `aws iam get-role` output (`Role.AssumeRolePolicyDocument`), or
 * either of those URL-encoded (as IAM returns documents through some APIs). Duplicate JSON keys become warnings,
 * because IAM, like `JSON.parse`, keeps the last one and silently drops the first.
 */
export function parsePolicyText(text: string, source: string): { policy: PolicyDocument; warnings: PolicyWarning[] } {
  let json = decodeIfUrlEncoded(text.trim());
  let value = parseJson(json, source);
  if (isRecord(value) && isRecord(value.Role) && value.Role.AssumeRolePolicyDocument !== undefined) {
    const embedded = value.Role.AssumeRolePolicyDocument;
    if (typeof embedded === 'string') {
      json = decodeIfUrlEncoded(embedded);
      value = parseJson(json, `${source} (Role.AssumeRolePolicyDocument)`);
    } else {
      json = JSON.stringify(embedded);
      value = embedded;
    }
  } else if (typeof value === 'string') {
    json = decodeIfUrlEncoded(value);
    value = parseJson(json, source);
  }
  const warnings = findDuplicateKeys(json).map(
    (duplicate): PolicyWarning => ({
      code: 'duplicate-key',
      message: duplicateMessage(duplicate.path, duplicate.key, duplicate.dropped),
    }),
  );
  return { policy: normalizePolicy(value, source), warnings };
}

function duplicateMessage(path: string[], key: string, dropped: unknown): string {
  const where = path
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const ignored =
    path.at(-1) === 'Condition' && isRecord(dropped)
      ? ` (its keys ${Object.keys(dropped).join(', ')} are ignored)`
      : '';
  return (
    `${where} has "${key}" twice; IAM keeps only the last one, so the first is ignored${ignored}. ` +
    'Merge them into one block.'
  );
}

function decodeIfUrlEncoded(text: string): string {
  if (!/^%7B/i.test(text) && !/^%22/i.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Far deeper than any policy (Statement → statement → Condition → operator → key → values is six levels). */
export const MAX_POLICY_DEPTH = 32;

function parseJson(text: string, source: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`${source} is not valid JSON: ${clip((error as Error).message, 160)}`);
  }
  // The duplicate-key scan recurses per level; a hostile nesting must stop here, not overflow the stack there.
  if (nestingDepth(text) > MAX_POLICY_DEPTH) {
    throw new UserError(`${source} nests deeper than any IAM policy (more than ${MAX_POLICY_DEPTH} levels)`);
  }
  return value;
}

/** The deepest `[`/`{` nesting of JSON text, outside strings; iterative, so any depth is safe to measure. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
