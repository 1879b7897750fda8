/**
 * Decides whether a job's `if:` can let a run through, for the few facts lint predicts (event name and ref).
 * Three-valued: `undefined` means "depends on something else", and such a job is assumed to run. GitHub compares
 * strings case-insensitively, in `==` as in startsWith/endsWith/contains.
 */
export interface GuardFacts {
  readonly event_name: string;
  readonly ref: string;
}

type Value = string | boolean | undefined;
type Token = { kind: 'op' | 'string' | 'name' | 'number'; text: string };

export function guardAllows(condition: string | undefined, facts: GuardFacts): boolean | undefined {
  if (condition === undefined || condition.trim() === '') return true;
  let tokens: Token[];
  try {
    tokens = tokenize(condition);
  } catch {
    return undefined;
  }
  const parser = new Parser(tokens, facts);
  const value = parser.parse();
  return truthy(value);
}

const OPERATORS = ['==', '!=', '&&', '||', '<=', '>=', '!', '(', ')', ',', '<', '>'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const string = /^'((?:[^']|'')*)'/.exec(rest);
    if (string) {
      tokens.push({ kind: 'string', text: (string[1] ?? '').replaceAll("''", "'") });
      i += string[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_*-]+|\[[^\]]*\])*/.exec(rest);
    if (!name) throw new Error(`unexpected ${rest[0]}`);
    tokens.push({ kind: 'name', text: name[0] });
    i += name[0].length;
  }
  return tokens;
}

function truthy(value: Value): boolean | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'boolean' ? value : value !== '';
}

function or(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : undefined;
}

function and(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly facts: GuardFacts,
  ) {}

  parse(): Value {
    const value = this.or();
    // Anything left over is syntax this evaluator does not know: no verdict.
    return this.position === this.tokens.length ? value : undefined;
  }

  private peek(text: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === 'op' && token.text === text;
  }

  private or(): Value {
    let value = this.and();
    while (this.peek('||')) {
      this.position++;
      const right = this.and();
      value = or(truthy(value), truthy(right));
    }
    return value;
  }

  private and(): Value {
    let value = this.comparison();
    while (this.peek('&&')) {
      this.position++;
      const right = this.comparison();
      value = and(truthy(value), truthy(right));
    }
    return value;
  }

  private comparison(): Value {
    const left = this.unary();
    for (const op of ['==', '!=']) {
      if (this.peek(op)) {
        this.position++;
        const right = this.unary();
        if (typeof left !== 'string' || typeof right !== 'string') return undefined;
        const equal = left.toLowerCase() === right.toLowerCase();
        return op === '==' ? equal : !equal;
      }
    }
    return left;
  }

  private unary(): Value {
    if (this.peek('!')) {
      this.position++;
      const value = truthy(this.unary());
      return value === undefined ? undefined : !value;
    }
    return this.primary();
  }

  private primary(): Value {
    const token = this.tokens[this.position++];
    if (token === undefined) return undefined;
    if (token.kind === 'op' && token.text === '(') {
      const value = this.or();
      if (!this.peek(')')) return undefined;
      this.position++;
      return value;
    }
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return undefined;
    if (token.kind === 'name' && this.peek('(')) return this.call(token.text);
    if (token.kind === 'name') return this.name(token.text);
    return undefined;
  }

  private call(name: string): Value {
    this.position++; // (
    const args: Value[] = [];
    while (!this.peek(')') && this.position < this.tokens.length) {
      args.push(this.or());
      if (this.peek(',')) this.position++;
    }
    this.position++; // )
    const [a, b] = args;
    const strings = typeof a === 'string' && typeof b === 'string';
    switch (name.toLowerCase()) {
      case 'startswith':
        return strings ? a.toLowerCase().startsWith(b.toLowerCase()) : undefined;
      case 'endswith':
        return strings ? a.toLowerCase().endsWith(b.toLowerCase()) : undefined;
      case 'contains':
        return strings ? a.toLowerCase().includes(b.toLowerCase()) : undefined;
      default:
        // success(), always(), fromJSON(...): status and data lint cannot know.
        return undefined;
    }
  }

  private name(name: string): Value {
    switch (name.toLowerCase()) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'github.event_name':
        return this.facts.event_name;
      case 'github.ref':
        return this.facts.ref;
      case 'github.ref_type':
        return this.facts.ref.startsWith('refs/tags/') ? 'tag' : 'branch';
      case 'github.ref_name':
        return this.facts.ref.replace(/^refs\/(heads|tags)\//, '');
      default:
        return undefined;
    }
  }
}
