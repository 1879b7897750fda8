import { isScalar, visit } from 'yaml';
import { message } from '../../../i18n/message.js';
import type { Finding } from '../finding.js';
import { finding, type LintRule } from '../rule.js';

const CONTEXTS = 'github|vars|secrets|inputs|needs|steps|matrix|env|job|jobs|runner|strategy';

/** Near-misses of `${{ … }}` that GitHub passes through as literal text. */
const NEAR_MISSES: readonly { pattern: RegExp; what: string }[] = [
  // `${ vars.X }`: shell-style braces (a shell variable never has a dot, so `run:` scripts are not flagged).
  { pattern: new RegExp(`\\$\\{\\s*(?:${CONTEXTS})\\.[^{}]*\\}`, 'g'), what: 'single braces' },
  // `$ {{ vars.X }}`: a space between `$` and the braces.
  { pattern: /\$\s+\{\{[^}]*\}\}/g, what: 'a space after $' },
  // `{{ vars.X }}`: template syntax from other tools, without the `$`.
  { pattern: new RegExp(`(?<!\\$\\s*)\\{\\{\\s*(?:${CONTEXTS})\\.[^}]*\\}\\}`, 'g'), what: 'no $' },
];

/** Classic trap: `role-to-assume: ${ vars.AWS_ROLE_ARN }` sends the literal text to STS. */
export const unexpandedExpression: LintRule = {
  id: 'unexpanded-expression',
  severity: 'error',
  summary: `\`\${ … }\`, \`$ {{ … }}\` or \`{{ … }}\` where a \`\${{ … }}\` expression was meant`,
  check(workflow) {
    const findings: Finding[] = [];
    visit(workflow.document, {
      Scalar(_, node) {
        if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
        const source = workflow.text.slice(node.range[0], node.range[1]);
        for (const { pattern, what } of NEAR_MISSES) {
          for (const match of source.matchAll(pattern)) {
            const text = match[0];
            const inner = text.replace(/^\$?\s*\{+\s*/, '').replace(/\s*\}+$/, '');
            findings.push({
              ...finding(
                unexpandedExpression,
                workflow,
                [],
                message('unexpanded-expression', { text, what }),
                message('unexpanded-expression.fix', { expression: `\${{ ${inner} }}` }),
              ),
              line: workflow.lineAt(node.range[0] + (match.index ?? 0)),
            });
          }
        }
      },
    });
    return findings;
  },
};
