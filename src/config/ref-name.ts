/**
 * Why git would refuse `name` as a branch or tag name, or undefined when git accepts it. The rules are
 * git-check-ref-format(1) with `--branch` (checked against `git check-ref-format --branch` 2.39). With `wildcards`,
 * `*` and `?` pass: in a trust policy they are IAM StringLike wildcards, never characters of a real ref.
 */
export function refNameProblem(name: string, options: { wildcards: boolean }): string | undefined {
  if (name === '') return 'must not be empty';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: git refuses ASCII control characters, so we look for them
  if (/[\u0000-\u0020\u007f]/.test(name)) return 'no spaces or control characters';
  const forbidden = /[~^:\\[]/.exec(name) ?? (options.wildcards ? null : /[*?]/.exec(name));
  if (forbidden) return `no ${JSON.stringify(forbidden[0])}`;
  if (name.includes('..')) return 'no ".."';
  if (name.includes('@{')) return 'no "@{"';
  if (name.startsWith('-')) return 'must not start with "-"';
  if (name === 'HEAD') return '"HEAD" is reserved';
  const components = name.split('/');
  if (components.includes('')) return 'no empty component (leading, trailing or double "/")';
  if (components.some((component) => component.startsWith('.'))) return 'no component starting with "."';
  if (components.some((component) => component.endsWith('.lock'))) return 'no component ending in ".lock"';
  if (name.endsWith('.')) return 'must not end with "."';
  return undefined;
}
