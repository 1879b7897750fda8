/**
 * What an existing Dockerfile says about the container hatoba will run: the final stage's EXPOSE, HEALTHCHECK URL
 * path, USER and platform. Reads the Dockerfile reference's syntax (line continuations, comments, ARG/ENV
 * substitution, stages that build FROM earlier stages) well enough for defaults; odd input yields fewer facts,
 * never an exception.
 */

export interface Fact<T> {
  readonly value: T;
  /** 1-based line of the instruction, for "where did this default come from". */
  readonly line: number;
  readonly source: string;
}

export interface DockerfileFacts {
  readonly port?: Fact<number>;
  /** Every EXPOSEd port of the final stage, in order. */
  readonly ports: readonly number[];
  readonly healthCheckPath?: Fact<string>;
  /** The final stage's USER; undefined when no stage in its chain sets one. */
  readonly user?: Fact<string>;
  readonly architecture?: Fact<'X86_64' | 'ARM64'>;
  /** The final stage's base image (after substitution), e.g. `gcr.io/distroless/static-debian12:nonroot`. */
  readonly baseImage?: string;
  readonly stages: number;
}

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
  readonly source: string;
}

interface Stage {
  name?: string;
  base: string;
  ports: Fact<number>[];
  healthCheckPath?: Fact<string> | undefined;
  user?: Fact<string>;
  architecture?: Fact<'X86_64' | 'ARM64'>;
  vars: Map<string, string>;
}

/** Bounds the work on hostile input (an "endless" continuation is still one bounded string). */
const MAX_INSTRUCTIONS = 10_000;
const MAX_SOURCE_SHOWN = 120;

/** Joins `\`-continued lines and drops comment lines (also those inside a continuation), as docker build does. */
export function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  let buffer = '';
  let start = 0;
  for (let index = 0; index < lines.length && result.length < MAX_INSTRUCTIONS; index += 1) {
    const raw = lines[index] ?? '';
    const trimmed = raw.trim();
    if (buffer === '') start = index + 1;
    // Comment and empty lines are dropped, also inside a continuation.
    if (trimmed.startsWith('#') || trimmed === '') continue;
    if (trimmed.endsWith('\\')) {
      buffer += `${trimmed.slice(0, -1)} `;
      continue;
    }
    buffer += trimmed;
    push(buffer, start);
    buffer = '';
  }
  if (buffer !== '') push(buffer, start);
  return result;

  function push(logical: string, line: number): void {
    const match = /^([A-Za-z]+)\s*(.*)$/s.exec(logical.trim());
    if (!match) return;
    const source = logical.length > MAX_SOURCE_SHOWN ? `${logical.slice(0, MAX_SOURCE_SHOWN)}…` : logical.trim();
    result.push({ keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim(), line, source });
  }
}

/** `$NAME`, `${NAME}`, `${NAME:-default}`; unknown names stay as written. */
export function substitute(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)/g,
    (whole, braced?: string, fallback?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      const found = vars.get(name);
      if (found !== undefined && found !== '') return found;
      return fallback ?? whole;
    },
  );
}

/** `NAME=value` pairs of ARG and ENV (also the legacy `ENV NAME value`). */
function assignments(args: string, keyword: string): [string, string][] {
  if (keyword === 'ENV' && !/^\w+=/.test(args)) {
    const legacy = /^(\w+)\s+(.*)$/.exec(args);
    return legacy ? [[legacy[1] ?? '', unquote(legacy[2] ?? '')]] : [];
  }
  const pairs: [string, string][] = [];
  for (const match of args.matchAll(/(\w+)(?:=("[^"]*"|'[^']*'|\S*))?/g)) {
    if (match[1] !== undefined) pairs.push([match[1], unquote(match[2] ?? '')]);
  }
  return pairs;
}

const unquote = (value: string) => value.replace(/^(["'])(.*)\1$/s, '$2');

function architectureOf(platform: string | undefined, image: string): 'X86_64' | 'ARM64' | undefined {
  const text = `${platform ?? ''} ${image}`.toLowerCase();
  if (/\b(?:linux\/)?(?:arm64|aarch64)\b|^\s*arm64v8\/|\sarm64v8\//.test(text)) return 'ARM64';
  if (/\b(?:linux\/)?(?:amd64|x86_64)\b|\samd64\//.test(text)) return 'X86_64';
  return undefined;
}

/** The URL path a HEALTHCHECK's curl or wget requests, if it requests one. */
function healthCheckPathOf(args: string): string | undefined {
  if (/^NONE\b/i.test(args) || !/\b(?:curl|wget)\b/.test(args)) return undefined;
  const url = /https?:\/\/[^\s"'/]+(\/[^\s"'|;&)]*)?/.exec(args);
  if (!url) return undefined;
  return url[1] ?? '/';
}

export function dockerfileFacts(text: string): DockerfileFacts {
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions(text)) {
    const stage = stages.at(-1);
    const fact = <T>(value: T): Fact<T> => ({ value, line: instruction.line, source: instruction.source });
    switch (instruction.keyword) {
      case 'ARG':
      case 'ENV': {
        const vars = stage?.vars ?? globals;
        for (const [name, value] of assignments(instruction.args, instruction.keyword)) {
          // A bare `ARG NAME` inside a stage re-imports the global default.
          vars.set(name, value === '' && stage !== undefined ? (globals.get(name) ?? '') : substitute(value, vars));
        }
        break;
      }
      case 'FROM': {
        const words = substitute(instruction.args, globals).split(/\s+/);
        const platform = words.find((w) => w.startsWith('--platform='))?.slice('--platform='.length);
        const rest = words.filter((w) => !w.startsWith('--'));
        const base = rest[0] ?? '';
        const name = rest[1]?.toUpperCase() === 'AS' ? rest[2]?.toLowerCase() : undefined;
        // A stage built FROM an earlier one inherits its user, ports, health check and platform.
        const parent = stages.find((s) => s.name !== undefined && s.name === base.toLowerCase());
        const architecture = architectureOf(platform, base);
        const next: Stage = {
          ...(name === undefined ? {} : { name }),
          base: parent?.base ?? base,
          ports: [...(parent?.ports ?? [])],
          healthCheckPath: parent?.healthCheckPath,
          ...(parent?.user === undefined ? {} : { user: parent.user }),
          ...(architecture !== undefined
            ? { architecture: fact(architecture) }
            : parent?.architecture !== undefined
              ? { architecture: parent.architecture }
              : {}),
          vars: new Map(parent?.vars ?? []),
        };
        stages.push(next);
        break;
      }
      case 'EXPOSE': {
        if (!stage) break;
        for (const word of substitute(instruction.args, stage.vars).split(/\s+/)) {
          const port = /^(\d{1,5})(?:\/tcp)?$/i.exec(word)?.[1];
          if (port !== undefined && Number(port) >= 1 && Number(port) <= 65535) stage.ports.push(fact(Number(port)));
        }
        break;
      }
      case 'HEALTHCHECK': {
        if (!stage) break;
        const path = healthCheckPathOf(substitute(instruction.args, stage.vars));
        stage.healthCheckPath = path === undefined ? undefined : fact(path);
        break;
      }
      case 'USER': {
        if (!stage) break;
        const user = substitute(instruction.args, stage.vars).split(/\s+/)[0];
        if (user) stage.user = fact(user);
        break;
      }
    }
  }
  const final = stages.at(-1);
  if (!final) return { ports: [], stages: 0 };
  return {
    ...(final.ports[0] === undefined ? {} : { port: final.ports[0] }),
    ports: final.ports.map((p) => p.value),
    ...(final.healthCheckPath === undefined ? {} : { healthCheckPath: final.healthCheckPath }),
    ...(final.user === undefined ? {} : { user: final.user }),
    ...(final.architecture === undefined ? {} : { architecture: final.architecture }),
    baseImage: final.base,
    stages: stages.length,
  };
}

/** USER root, 0 or 0:… — or none at all on a base image not known to set a non-root user. */
export function runsAsRoot(facts: DockerfileFacts): boolean {
  if (facts.user === undefined) return !/nonroot|distroless\/.*:nonroot/.test(facts.baseImage ?? '');
  return /^(?:root|0)(?::.*)?$/.test(facts.user.value);
}
