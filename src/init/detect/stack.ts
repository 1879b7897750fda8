import { detectGo, type GoProject } from './go.js';
import type { NodeProject } from './node.js';
import { detectOther, type OtherStack } from './other.js';
import { detectPython, type PythonProject } from './python.js';

/** The project's stack, which decides the Dockerfile init can write (or the advice it gives instead). */
export type Stack =
  | { readonly kind: 'node'; readonly project: NodeProject }
  | { readonly kind: 'python'; readonly project: PythonProject }
  | { readonly kind: 'go'; readonly project: GoProject }
  | { readonly kind: 'other'; readonly other: OtherStack }
  | { readonly kind: 'unknown' };

/** package.json first (a Python or Go repository with a package.json for its tooling is rare; the reverse is not). */
export async function detectStack(dir: string, node: NodeProject | undefined): Promise<Stack> {
  if (node !== undefined) return { kind: 'node', project: node };
  const python = await detectPython(dir);
  if (python !== undefined) return { kind: 'python', project: python };
  const go = await detectGo(dir);
  if (go !== undefined) return { kind: 'go', project: go };
  const other = await detectOther(dir);
  return other === undefined ? { kind: 'unknown' } : { kind: 'other', other };
}

export function stackName(stack: Stack): string {
  switch (stack.kind) {
    case 'node':
      return 'Node.js';
    case 'python':
      return `Python (${stack.project.tool}${stack.project.framework === undefined ? '' : `, ${stack.project.framework}`})`;
    case 'go':
      return 'Go';
    case 'other':
      return stack.other.language;
    case 'unknown':
      return 'unknown';
  }
}
