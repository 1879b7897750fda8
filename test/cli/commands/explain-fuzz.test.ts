// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${…} in plain strings.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../support/cli.js';
import { picker, random } from '../../support/random.js';

/**
 * Random, truncated and mangled CloudTrail JSON, gzip and JWT inputs never crash `explain`: the exit code is 0, 1 or 2
 * and the output has no "crashed" and no stack trace. Seeded, so a failure reproduces.
 */

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const TRUST = `${fixtures}iam/trust-main.json`;
const TRAIL = readFileSync(`${fixtures}cloudtrail/trail.json`, 'utf8');
const LOOKUP = readFileSync(`${fixtures}cloudtrail/lookup-events.json`, 'utf8');
const POLICY = readFileSync(TRUST, 'utf8');

const rand = random(0x4a7ba);
const { int, pick } = picker(rand);

const ODD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  ' ',
  '%7B',
  'x'.repeat(300),
  [],
  {},
  [[]],
  { a: null },
  true,
  '${*}',
];

/** Replaces one random value somewhere in a JSON document with an odd one. */
function mutateJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || rand() < 0.2) return pick(ODD_VALUES);
    const copy = [...value];
    const index = int(copy.length);
    copy[index] = mutateJson(copy[index]);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 || rand() < 0.2) return pick(ODD_VALUES);
    const copy: Record<string, unknown> = { ...value };
    const [key, inner] = pick(entries);
    copy[key] = mutateJson(inner);
    return copy;
  }
  return pick(ODD_VALUES);
}

function mangleBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  switch (int(4)) {
    case 0:
      return copy.subarray(0, int(copy.length + 1));
    case 1:
      for (let i = 0; i < 1 + int(8); i++) copy[int(copy.length)] = int(256);
      return copy;
    case 2:
      return Buffer.concat([copy.subarray(0, int(copy.length)), Buffer.from([int(256), int(256)])]);
    default:
      return Buffer.from(Array.from({ length: int(64) }, () => int(256)));
  }
}

function eventInput(): Buffer {
  const base = pick([TRAIL, LOOKUP]);
  const kind = int(5);
  if (kind === 0) return mangleBytes(Buffer.from(base));
  const mutated = Buffer.from(JSON.stringify(mutateJson(mutateJson(JSON.parse(base)))));
  if (kind === 1) return gzipSync(mutated);
  if (kind === 2) return mangleBytes(gzipSync(Buffer.from(base)));
  return mutated;
}

/** A deeply nested document: parsers that recurse run out of stack. */
function deep(levels: number): Buffer {
  const open = pick(['[', '{"Statement":', '{"Records":']);
  const close = open === '[' ? ']' : '}';
  return Buffer.from(`${open.repeat(levels)}1${close.repeat(levels)}`);
}

function policyInput(): Buffer {
  switch (int(4)) {
    case 0:
      return deep(20_000 + int(20_000));
    case 1:
      return mangleBytes(Buffer.from(POLICY));
    default:
      return Buffer.from(JSON.stringify(mutateJson(mutateJson(JSON.parse(POLICY)))));
  }
}

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function tokenInput(): string {
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'sts.amazonaws.com',
    sub: 'repo:octo-org/web:ref:refs/heads/main',
    exp: 1_791_000_000,
  };
  const header = mutateJson({ alg: 'RS256', typ: 'JWT' });
  const payload = rand() < 0.7 ? mutateJson(claims) : pick(ODD_VALUES);
  const jwt = `${b64(header)}.${b64(payload)}.${b64('sig')}`;
  switch (int(4)) {
    case 0:
      return jwt.slice(0, int(jwt.length + 1));
    case 1:
      return Array.from(jwt, (char) => (rand() < 0.05 ? String.fromCharCode(int(128)) : char)).join('');
    case 2:
      return `${b64(pick(ODD_VALUES))}.${b64(pick(ODD_VALUES))}.`;
    default:
      return jwt;
  }
}

function stdin(bytes: Buffer) {
  vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([bytes]) as unknown as typeof process.stdin);
}

afterEach(() => {
  vi.restoreAllMocks();
});

const CASES = 300;

describe('explain on hostile input', () => {
  it(`never crashes on ${CASES} random events and tokens`, async () => {
    for (let i = 0; i < CASES; i++) {
      let argv: string[];
      if (i % 3 === 0) {
        stdin(rand() < 0.1 ? deep(20_000 + int(20_000)) : eventInput());
        argv = ['explain', '--event', '-', '--trust-policy', TRUST];
      } else if (i % 3 === 1) {
        stdin(policyInput());
        argv = ['explain', '--sub', 'repo:octo-org/web:ref:refs/heads/main', '--trust-policy', '-'];
      } else {
        argv = ['explain', '--token', tokenInput() || 'x', '--trust-policy', TRUST];
      }
      if (rand() < 0.5) argv.push('--json');
      const { code, stdout, stderr } = await runCli(argv);
      const output = stdout + stderr;
      expect([0, 1, 2], `case ${i}: ${output}`).toContain(code);
      expect(output, `case ${i}`).not.toMatch(/crashed|\n\s+at \S+ \(/);
      vi.restoreAllMocks();
    }
  }, 60_000);
});
