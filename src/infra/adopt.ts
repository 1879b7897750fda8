import type { ResourceToImport } from '@aws-sdk/client-cloudformation';
import type { Conflict } from './existing-resources.js';
import type { Template } from './synth.js';

/** One resource to bring under a stack with a resource import change set. */
export interface ImportedResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  readonly name: string;
  readonly identifier: Readonly<Record<string, string>>;
  /** Its definition in the import template: the identifier and what must not change, with a DeletionPolicy. */
  readonly definition: { readonly Type: string; readonly DeletionPolicy: string; readonly Properties: object };
}

/** A property the update after the import changes on an adopted resource. */
export interface PropertyChange {
  readonly name: string;
  readonly type: string;
  readonly property: string;
  readonly from: string;
  readonly to: string;
}

export interface AdoptionPlan {
  readonly imports: readonly ImportedResource[];
  readonly changes: readonly PropertyChange[];
  /** Why a conflict cannot be adopted; any blocker refuses the whole adoption. */
  readonly blockers: readonly string[];
}

interface ImportSpec {
  /** The type's primary identifier (its resource schema's primaryIdentifier, as the template reference lists it). */
  identifier(conflict: Conflict): Record<string, string>;
  /**
   * Template properties the import template keeps: the name, and those whose update requires replacement. Others are
   * left out so that the update after the import sees them as changes and applies them (an update compares templates,
   * not the live resource).
   */
  readonly keep: readonly string[];
  /** Properties whose change requires replacement (the type's CloudFormation Template Reference page). */
  readonly replacement: readonly string[];
  /** Properties compared with the live resource to show what the update changes. */
  readonly compare: readonly string[];
}

// Resource type support (CloudFormation User Guide, "Resource type support"): these types support resource import.
const IMPORTABLE: Record<string, ImportSpec> = {
  // AWS::ECR::Repository: EncryptionConfiguration "Update requires: Replacement": replacing the repository would
  // delete its images, so a different encryption refuses the adoption.
  'AWS::ECR::Repository': {
    identifier: (c) => ({ RepositoryName: c.name }),
    keep: ['RepositoryName', 'EncryptionConfiguration'],
    replacement: ['EncryptionConfiguration'],
    compare: [
      'ImageTagMutability',
      'ImageTagMutabilityExclusionFilters',
      'ImageScanningConfiguration',
      'EncryptionConfiguration',
      'LifecyclePolicy',
    ],
  },
  'AWS::Logs::LogGroup': {
    identifier: (c) => ({ LogGroupName: c.name }),
    keep: ['LogGroupName'],
    replacement: [],
    compare: ['RetentionInDays'],
  },
  'AWS::ECS::Cluster': {
    identifier: (c) => ({ ClusterName: c.name }),
    keep: ['ClusterName'],
    replacement: [],
    compare: ['ClusterSettings'],
  },
  // AWS::ECS::Service's primary identifier is ServiceArn and Cluster.
  'AWS::ECS::Service': {
    identifier: (c) => ({
      ServiceArn: String(c.live.properties.ServiceArn ?? ''),
      Cluster: String(c.live.properties.Cluster ?? ''),
    }),
    keep: ['ServiceName', 'Cluster'],
    replacement: [],
    compare: [],
  },
  // AWS::IAM::Role: AssumeRolePolicyDocument is required, so the import template carries the live one.
  'AWS::IAM::Role': {
    identifier: (c) => ({ RoleName: c.name }),
    keep: ['RoleName'],
    replacement: [],
    compare: ['AssumeRolePolicyDocument'],
  },
};

/**
 * How to adopt conflicting resources: an import of each (a DeletionPolicy of Retain, so neither a failed import nor
 * a later stack deletion removes what the user made), the property changes the following update applies, and the
 * reasons some cannot be adopted safely.
 */
export function planAdoption(
  conflicts: readonly Conflict[],
  templates: Readonly<Record<string, Template>>,
): AdoptionPlan {
  const imports: ImportedResource[] = [];
  const changes: PropertyChange[] = [];
  const blockers: string[] = [];
  for (const conflict of conflicts) {
    const label = `${conflict.type} ${conflict.name}`;
    const spec = IMPORTABLE[conflict.type];
    if (spec === undefined) {
      blockers.push(`${label}: CloudFormation cannot import this resource type`);
      continue;
    }
    // Bringing existing resources into CloudFormation management: the resource to import must not belong to another stack.
    if (conflict.origin?.startsWith('CloudFormation stack ')) {
      blockers.push(`${label}: it belongs to ${conflict.origin}, and CloudFormation imports only unmanaged resources`);
      continue;
    }
    const template = templates[conflict.stackName];
    const references = referencedResources(conflict.properties, template);
    if (references.length > 0) {
      blockers.push(
        `${label}: it depends on resources hatoba has not created yet (${references.join(', ')}); an import ` +
          'change set cannot create them',
      );
      continue;
    }
    const differences = spec.compare.flatMap((property) => difference(conflict, property));
    const replaced = differences.filter((d) => spec.replacement.includes(d.property));
    if (replaced.length > 0) {
      for (const d of replaced) {
        blockers.push(
          `${label}: ${d.property} is ${d.from}, hatoba's is ${d.to}; changing it replaces the resource ` +
            '(a new, empty one), so hatoba will not adopt it',
        );
      }
      continue;
    }
    changes.push(...differences);
    const kept = Object.fromEntries(
      spec.keep.flatMap((key) => (key in conflict.properties ? [[key, conflict.properties[key]]] : [])),
    );
    const trust = conflict.live.properties.AssumeRolePolicyDocument;
    imports.push({
      stackName: conflict.stackName,
      logicalId: conflict.logicalId,
      type: conflict.type,
      name: conflict.name,
      identifier: spec.identifier(conflict),
      definition: {
        Type: conflict.type,
        // Bringing existing resources into CloudFormation management: "Each resource to import must have a
        // DeletionPolicy attribute."
        DeletionPolicy: 'Retain',
        Properties: { ...kept, ...(trust === undefined ? {} : { AssumeRolePolicyDocument: trust }) },
      },
    });
  }
  return { imports, changes, blockers };
}

/** The ResourcesToImport entries of one stack's import change set (CreateChangeSet, ResourceToImport). */
/** What `up --adopt` would do with a plan's conflicts, against the stacks' templates; null when there are none. */
export function adoptionOf(plan: {
  readonly conflicts: readonly Conflict[];
  readonly stacks: readonly { readonly stackName: string; readonly templateBody: string }[];
}): AdoptionPlan | null {
  if (plan.conflicts.length === 0) return null;
  return planAdoption(
    plan.conflicts,
    Object.fromEntries(plan.stacks.map((stack) => [stack.stackName, JSON.parse(stack.templateBody) as Template])),
  );
}

export function resourcesToImport(imports: readonly ImportedResource[]): ResourceToImport[] {
  return imports.map((resource) => ({
    ResourceType: resource.type,
    LogicalResourceId: resource.logicalId,
    ResourceIdentifier: { ...resource.identifier },
  }));
}

/** Logical ids of other template resources the properties refer to (Ref, Fn::GetAtt). */
function referencedResources(properties: unknown, template: Template | undefined): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    const node = value as Record<string, unknown>;
    const ref = typeof node.Ref === 'string' ? node.Ref : undefined;
    const getAtt = Array.isArray(node['Fn::GetAtt']) ? node['Fn::GetAtt'][0] : undefined;
    for (const id of [ref, getAtt]) if (typeof id === 'string' && id in (template?.Resources ?? {})) found.add(id);
    for (const child of Object.values(node)) visit(child);
  };
  visit(properties);
  return [...found].sort();
}

function difference(conflict: Conflict, property: string): PropertyChange[] {
  const wanted = conflict.properties[property];
  const live = conflict.live.properties[property];
  // Values CloudFormation computes at deploy time (intrinsic functions) cannot be compared here.
  if (wanted === undefined || JSON.stringify(wanted).includes('"Ref"') || JSON.stringify(wanted).includes('"Fn::'))
    return [];
  if (canonical(wanted) === canonical(live)) return [];
  return [{ name: conflict.name, type: conflict.type, property, from: shown(live), to: shown(wanted) }];
}

/** Key order and embedded JSON text (lifecycle policies) do not make a difference. */
function canonical(value: unknown): string {
  const normalize = (v: unknown): unknown => {
    if (typeof v === 'string' && /^\s*[{[]/.test(v)) {
      try {
        return normalize(JSON.parse(v));
      } catch {
        return v;
      }
    }
    if (Array.isArray(v)) return v.map(normalize);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((key) => [key, normalize((v as Record<string, unknown>)[key])]),
      );
    }
    return v;
  };
  return JSON.stringify(normalize(value)) ?? 'undefined';
}

function shown(value: unknown): string {
  if (value === undefined) return 'not set';
  const text = typeof value === 'string' ? value : canonical(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
