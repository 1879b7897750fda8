import { configJsonSchema, SCHEMA_ID } from './json-schema.js';
import { ENVIRONMENT_OVERRIDES } from './load.js';

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  additionalProperties?: JsonSchemaNode | boolean;
  required?: string[];
}

/** docs/configuration.md, generated from the same schema the CLI validates with, so the two never disagree. */
export function configReferenceMarkdown(): string {
  const rows: string[] = [];
  const overriddenBy = Object.fromEntries(Object.entries(ENVIRONMENT_OVERRIDES).map(([env, key]) => [key, env]));
  const visit = (node: JsonSchemaNode, path: string, required: boolean) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const dotted = path ? `${path}.${key}` : key;
      const isRequired = required && (node.required ?? []).includes(key);
      if (child.properties) {
        rows.push(`| **\`${dotted}\`** | section | ${isRequired ? 'required' : ''} | ${cell(child.description)} |`);
        visit(child, dotted, isRequired);
        continue;
      }
      // A map of named sections (`environments`): the section's keys, under `<key>.NAME`.
      const entry = typeof child.additionalProperties === 'object' ? child.additionalProperties : undefined;
      if (entry?.properties) {
        rows.push(`| **\`${dotted}\`** | map of sections | | ${cell(child.description)} |`);
        visit(entry, `${dotted}.NAME`, false);
        continue;
      }
      const env = overriddenBy[dotted] ? ` Env: \`${overriddenBy[dotted]}\`.` : '';
      const fallback = isRequired
        ? 'required'
        : child.default === undefined
          ? ''
          : `\`${JSON.stringify(child.default)}\``;
      rows.push(`| \`${dotted}\` | ${typeOf(child)} | ${fallback} | ${cell(child.description)}${env} |`);
    }
  };
  visit(configJsonSchema() as JsonSchemaNode, '', true);
  return [
    '# Configuration: hatoba.yml',
    '',
    '<!-- Generated from src/config/schema.ts by `npm run schema`; a test fails when it is stale. -->',
    '',
    '日本語: [ja/configuration.md](ja/configuration.md)',
    '',
    'One file describes one GitHub repository deployed to one ECS Fargate service, or to one per environment',
    '([environments](environments.md)). hatoba finds it with `--config FILE`,',
    'then `HATOBA_CONFIG`, then `hatoba.yml` in the current directory or the nearest parent. A value comes from, in order:',
    'a flag (such as `--region`), a `HATOBA_*` environment variable, the file, the default.',
    '',
    'Editors validate and complete the file through the JSON Schema: start it with',
    `\`# yaml-language-server: $schema=${SCHEMA_ID}\` (\`hatoba init\` writes it; or a relative path to`,
    '`node_modules/hatoba/schema/hatoba.schema.json`). `hatoba config validate` reports every problem at once.',
    '',
    '| key | type | default | description |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function typeOf(node: JsonSchemaNode): string {
  if (node.enum)
    return node.enum.length > 8 ? `${node.type} (see description)` : node.enum.map((v) => `\`${v}\``).join(' \\| ');
  if (node.type === 'array') return `list of ${node.items?.type ?? 'values'}`;
  if (node.type === 'object') return 'map';
  return String(node.type ?? 'any');
}

function cell(text = ''): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
