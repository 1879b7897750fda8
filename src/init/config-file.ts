import { dirname, join, relative, sep } from 'node:path';
import { Document, isNode, isScalar, parseDocument, Scalar } from 'yaml';
import { SCHEMA_ID } from '../config/json-schema.js';
import { pathExists } from '../fs/path-kind.js';
import type { Answers } from './answers.js';

const FORMAT = { lineWidth: 0, flowCollectionPadding: false };
/** Where a local install (`npm install -D hatoba`) puts the schema this package ships. */
const INSTALLED_SCHEMA = 'node_modules/hatoba/schema/hatoba.schema.json';

/**
 * The `$schema` of a new hatoba.yml in `dir`: the project's installed copy when it has one (works offline and before
 * any publication; yaml-language-server resolves a relative modeline path against the YAML file), else the copy in
 * the published package of this version. Looks no higher than the repository root.
 */
export async function schemaReference(dir: string, root: string): Promise<string> {
  for (let at = dir; ; at = dirname(at)) {
    if (await pathExists(join(at, INSTALLED_SCHEMA))) {
      const path = relative(dir, join(at, INSTALLED_SCHEMA)).split(sep).join('/');
      return path.startsWith('../') ? path : `./${path}`;
    }
    if (at === root || dirname(at) === at) return SCHEMA_ID;
  }
}

/** Answer → key in hatoba.yml. Only keys that differ from the schema's defaults are written. */
function answerEntries(answers: Answers): [string[], unknown][] {
  return [
    [['app'], answers.app],
    [['github', 'repository'], answers.repository],
    [['github', 'branches'], [...answers.branches]],
    [['github', 'environment'], answers.environment],
    [['github', 'roleArn'], answers.roleArn],
    [['aws', 'account'], answers.account],
    [['aws', 'region'], answers.region],
    [['ecs', 'architecture'], answers.architecture],
    [['ecs', 'container', 'port'], answers.port],
    [['ecs', 'container', 'healthCheckPath'], answers.healthCheckPath],
  ];
}

/**
 * hatoba.yml's `environments` map for `init --environments`, in promotion order. Each one inherits every top-level
 * setting (an entry with only comments reads as `{}`); its comment shows where another account or Region goes.
 */
export function environmentsBlock(names: readonly string[], example: { account: string; region: string }): string {
  const lines = [
    'environments:',
    '  # Promoted in this order: the image is built once (in aws.account, the build account) and deployed to each.',
    '  # Each takes the top-level settings; set the keys that differ under its name (docs/environments.md).',
  ];
  for (const name of names) {
    lines.push(
      `  ${name}:`,
      `    # In another AWS account or Region than the build account:`,
      `    # aws: {account: '${example.account}', region: ${example.region}}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A new hatoba.yml: the editor schema line (see schemaReference), then the answers. */
export function renderConfig(answers: Answers, schema: string = SCHEMA_ID): string {
  const document = new Document({});
  return `# yaml-language-server: $schema=${schema}\n${applyAnswers(document, answers).toString(FORMAT)}`;
}

/** The existing hatoba.yml with the answered keys replaced; every other key and comment stays. */
export function updateConfig(text: string, answers: Answers): string {
  return applyAnswers(parseDocument(text), answers).toString(FORMAT);
}

function applyAnswers(document: Document, answers: Answers): Document {
  for (const [path, value] of answerEntries(answers)) {
    if (value === undefined) {
      document.deleteIn(path);
      continue;
    }
    const quoted = path.join('.') === 'aws.account';
    const existing = document.getIn(path, true);
    // Set the value on the existing node: its inline comment and quoting stay (a new node would drop them).
    if (isScalar(existing) && !Array.isArray(value)) {
      existing.value = value;
      if (quoted && existing.type !== Scalar.QUOTE_DOUBLE) existing.type = Scalar.QUOTE_SINGLE;
      continue;
    }
    const node = document.createNode(value);
    // Lists on one line (`branches: [main]`), and the account quoted so YAML never reads it as a number.
    if (Array.isArray(value)) (node as { flow?: boolean }).flow = true;
    if (quoted) (node as { type?: string }).type = Scalar.QUOTE_SINGLE;
    if (isNode(existing)) {
      if (existing.comment != null) node.comment = existing.comment;
      if (existing.commentBefore != null) node.commentBefore = existing.commentBefore;
      if (existing.spaceBefore) node.spaceBefore = true;
    }
    document.setIn(path, node);
  }
  return document;
}
