import {
  type Change,
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  type ResourceToImport,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';

/** What executing the next change set (or deletion) of a stack does. */
export interface Outcome {
  /** Resource changes the change set reports; empty means "no changes" (CloudFormation refuses the change set). */
  readonly changes?: readonly Change[];
  /** Make the operation fail on this resource with this reason (the stack then rolls back). */
  readonly fail?: { readonly logicalId: string; readonly type: string; readonly reason: string };
  /** Outputs after success. */
  readonly outputs?: Readonly<Record<string, string>>;
  /** Resources the stack has after success (logical id → type and physical id). */
  readonly resources?: Readonly<Record<string, { type: string; physicalId: string }>>;
}

interface FakeResource {
  type: string;
  physicalId: string;
  /** Set when its deletion failed (a stack in DELETE_FAILED). */
  status?: string;
  reason?: string;
}

interface FakeStack {
  status: string;
  outputs: Record<string, string>;
  events: StackEvent[];
  resources: Record<string, FakeResource>;
  /** The template of the last successful operation (JSON). */
  template?: string | undefined;
  /** Runs on the next DescribeStacks while an operation is in progress. */
  pending?: (() => void) | undefined;
}

const NOT_FOUND = (name: string) =>
  Object.assign(new Error(`Stack with id ${name} does not exist`), { name: 'ValidationError' });

interface TemplateJson {
  Resources?: Record<string, { Type: string; DeletionPolicy?: string; Properties?: Record<string, unknown> }>;
  Outputs?: unknown;
}

interface FakeChangeSet {
  stackName: string;
  type: 'CREATE' | 'UPDATE' | 'IMPORT';
  template: TemplateJson;
  body: string;
  imports: readonly ResourceToImport[];
  polled: boolean;
}

// Resource type support (CloudFormation User Guide): the types hatoba may import all support it; others are refused.
const IMPORTABLE = new Set([
  'AWS::ECR::Repository',
  'AWS::Logs::LogGroup',
  'AWS::ECS::Cluster',
  'AWS::ECS::Service',
  'AWS::IAM::Role',
]);
/** The name property of the named types the account knows (their CloudFormation Template Reference pages). */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::IAM::Role': 'RoleName',
};

const validation = (message: string) => Object.assign(new Error(message), { name: 'ValidationError' });

export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

/**
 * A small CloudFormation behind aws-sdk-client-mock: stacks with statuses and events, change sets that are computed
 * after one poll, operations that stay IN_PROGRESS for one poll and then succeed or fail and roll back. Scenarios
 * set an Outcome per stack; the mock records every call for assertions.
 */
export class FakeCloudFormation {
  readonly mock: AwsClientStub<CloudFormationClient>;
  readonly stacks = new Map<string, FakeStack>();
  private readonly outcomes = new Map<string, Outcome>();
  private readonly changeSets = new Map<string, FakeChangeSet>();
  private sequence = 0;
  private readonly deleteFailures = new Map<string, { logicalId: string; reason: string }>();
  /** Resources stack deletions deleted, and the ones they kept (DeletionPolicy, RetainResources), in order. */
  readonly deletedResources: { stackName: string; logicalId: string; type: string; physicalId: string }[] = [];
  readonly retainedResources: { stackName: string; logicalId: string; type: string; physicalId: string }[] = [];
  /** Called for each resource a stack deletion deletes, so other fakes of the account can forget it. */
  onDeleted: (type: string, physicalId: string) => void = () => {};
  /** Whether the account has a resource of this type and name outside any stack (set by fakeAccount). */
  accountHas: (type: string, name: string) => boolean = () => false;

  constructor() {
    this.mock = mockClient(CloudFormationClient);
    this.mock.on(DescribeStacksCommand).callsFake(({ StackName }) => this.describeStacks(StackName));
    this.mock.on(CreateChangeSetCommand).callsFake((input) => this.createChangeSet(input));
    this.mock.on(DescribeChangeSetCommand).callsFake(({ ChangeSetName }) => this.describeChangeSet(ChangeSetName));
    this.mock.on(DeleteChangeSetCommand).callsFake(({ ChangeSetName }) => {
      this.changeSets.delete(ChangeSetName);
      return {};
    });
    this.mock.on(ExecuteChangeSetCommand).callsFake(({ ChangeSetName }) => this.execute(ChangeSetName));
    this.mock.on(DeleteStackCommand).callsFake((input) => this.deleteStack(input));
    this.mock.on(GetTemplateCommand).callsFake(({ StackName }) => {
      const stack = this.require(StackName);
      const resources = Object.fromEntries(Object.entries(stack.resources).map(([id, r]) => [id, { Type: r.type }]));
      return { TemplateBody: stack.template ?? JSON.stringify({ Resources: resources }) };
    });
    this.mock.on(DescribeStackEventsCommand).callsFake(({ StackName }) => {
      const stack = this.require(StackName);
      return { StackEvents: [...stack.events].reverse() };
    });
    this.mock.on(DescribeStackResourcesCommand).callsFake(({ StackName }) => ({
      StackResources: Object.entries(this.require(StackName).resources).map(([id, r]) => ({
        StackName,
        LogicalResourceId: id,
        ResourceType: r.type,
        PhysicalResourceId: r.physicalId,
        ResourceStatus: r.status ?? 'CREATE_COMPLETE',
        ...(r.reason === undefined ? {} : { ResourceStatusReason: r.reason }),
      })),
    }));
    this.mock.on(DescribeStackResourceCommand).callsFake(({ StackName, LogicalResourceId }) => {
      const resource = this.require(StackName).resources[LogicalResourceId];
      if (resource === undefined) {
        throw Object.assign(new Error(`Resource ${LogicalResourceId} does not exist for stack ${StackName}`), {
          name: 'ValidationError',
        });
      }
      return { StackResourceDetail: { LogicalResourceId, PhysicalResourceId: resource.physicalId } };
    });
  }

  /** A stack that already exists, e.g. from an earlier `up`. */
  withStack(name: string, stack: Partial<Omit<FakeStack, 'events'>> = {}): this {
    this.stacks.set(name, {
      status: 'CREATE_COMPLETE',
      outputs: {},
      resources: {},
      ...stack,
      events: [this.event(name, name, 'AWS::CloudFormation::Stack', stack.status ?? 'CREATE_COMPLETE')],
    });
    return this;
  }

  /** What the next operation on `name` does. */
  withOutcome(name: string, outcome: Outcome): this {
    this.outcomes.set(name, outcome);
    return this;
  }

  /** The next deletion of `name` fails on this resource (the stack ends in DELETE_FAILED). */
  withDeleteFailure(name: string, failure: { logicalId: string; reason: string }): this {
    this.deleteFailures.set(name, failure);
    return this;
  }

  restore(): void {
    this.mock.restore();
  }

  private require(name: string): FakeStack {
    const stack = this.stacks.get(name);
    if (stack === undefined) throw NOT_FOUND(name);
    return stack;
  }

  private describeStacks(name: string) {
    const stack = this.require(name);
    const status = stack.status;
    const pending = stack.pending;
    stack.pending = undefined;
    pending?.();
    if (!this.stacks.has(name) && !status.endsWith('_IN_PROGRESS')) throw NOT_FOUND(name);
    return {
      Stacks: [
        {
          StackName: name,
          StackStatus: status,
          CreationTime: new Date(0),
          Outputs: Object.entries(stack.outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    };
  }

  private createChangeSet(input: {
    StackName?: string;
    ChangeSetType?: string;
    ChangeSetName?: string;
    TemplateBody?: string;
    ResourcesToImport?: ResourceToImport[];
  }) {
    const name = input.StackName ?? '';
    // CreateChangeSet (CloudFormation API Reference): TemplateBody has a maximum length of 51,200 bytes.
    if (Buffer.byteLength(input.TemplateBody ?? '', 'utf8') > 51_200) {
      throw Object.assign(
        new Error(
          "1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200",
        ),
        { name: 'ValidationError' },
      );
    }
    const type = (input.ChangeSetType ?? 'UPDATE') as FakeChangeSet['type'];
    const create = type === 'CREATE';
    const existing = this.stacks.get(name);
    if (create && existing !== undefined && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw Object.assign(new Error(`Stack [${name}] already exists`), { name: 'AlreadyExistsException' });
    }
    const template = JSON.parse(input.TemplateBody ?? '{}') as TemplateJson;
    const imports = input.ResourcesToImport ?? [];
    // CreateChangeSet: an IMPORT change set creates the stack when there is none ("creates a new stack from your
    // existing resources"); an UPDATE needs one.
    if (type === 'IMPORT') this.validateImport(existing, template, imports);
    else if (existing === undefined && !create) throw NOT_FOUND(name);
    if (existing === undefined) this.withStack(name, { status: 'REVIEW_IN_PROGRESS' });
    const id = `arn:aws:cloudformation:eu-west-1:123456789012:changeSet/${input.ChangeSetName}/${++this.sequence}`;
    this.changeSets.set(id, {
      stackName: name,
      type,
      template,
      body: input.TemplateBody ?? '',
      imports,
      polled: false,
    });
    return { Id: id, StackId: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${name}/1` };
  }

  private describeChangeSet(id: string) {
    const changeSet = this.changeSets.get(id);
    if (changeSet === undefined)
      throw Object.assign(new Error(`ChangeSet [${id}] does not exist`), { name: 'ChangeSetNotFoundException' });
    if (!changeSet.polled) {
      changeSet.polled = true;
      return { Status: 'CREATE_IN_PROGRESS', ChangeSetId: id };
    }
    if (changeSet.type === 'IMPORT') {
      // Resource import validation (CloudFormation User Guide): "The resource to import exists."
      const missing = changeSet.imports.filter((r) => !this.accountHas(r.ResourceType ?? '', identifierValue(r)));
      if (missing.length > 0) {
        return {
          Status: 'FAILED',
          ChangeSetId: id,
          StatusReason: `Resources [${missing.map((r) => r.LogicalResourceId).join(', ')}] do not exist and cannot be imported.`,
        };
      }
      const changes: Change[] = changeSet.imports.map((r) => ({
        Type: 'Resource',
        ResourceChange: { Action: 'Import', LogicalResourceId: r.LogicalResourceId, ResourceType: r.ResourceType },
      }));
      return { Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', Changes: changes, ChangeSetId: id };
    }
    const changes = this.outcomes.get(changeSet.stackName)?.changes ?? [];
    if (changes.length === 0) return { Status: 'FAILED', StatusReason: NO_CHANGES_REASON, ChangeSetId: id };
    return { Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', Changes: [...changes], ChangeSetId: id };
  }

  private execute(id: string) {
    const changeSet = this.changeSets.get(id);
    if (changeSet === undefined) throw new Error(`unknown change set ${id}`);
    const name = changeSet.stackName;
    const stack = this.require(name);
    if (changeSet.type === 'IMPORT') return this.executeImport(stack, changeSet);
    const taken = this.alreadyExists(stack, changeSet.template) ?? this.invalidPrincipal(changeSet.template);
    const outcome: Outcome = { ...(this.outcomes.get(name) ?? {}), ...(taken === undefined ? {} : { fail: taken }) };
    const create = changeSet.type === 'CREATE';
    const verb = create ? 'CREATE' : 'UPDATE';
    stack.status = `${verb}_IN_PROGRESS`;
    stack.events.push(this.event(name, name, 'AWS::CloudFormation::Stack', stack.status, 'User Initiated'));
    stack.pending = () => {
      const resources = Object.entries(outcome.resources ?? {});
      const add = (id: string, type: string, status: string, reason?: string) =>
        stack.events.push(this.event(name, id, type, status, reason));
      for (const [id, resource] of resources) add(id, resource.type, `${verb}_IN_PROGRESS`);
      if (outcome.fail !== undefined) {
        const { logicalId, type, reason } = outcome.fail;
        // The root cause comes first, then the cancellations it causes, then the stack's summary.
        add(logicalId, type, `${verb}_FAILED`, reason);
        for (const [id, resource] of resources) {
          if (id !== logicalId) add(id, resource.type, `${verb}_FAILED`, 'Resource creation cancelled');
        }
        const rollback = create ? 'ROLLBACK' : 'UPDATE_ROLLBACK';
        const summary = `The following resource(s) failed to ${verb.toLowerCase()}: [${logicalId}].`;
        add(name, 'AWS::CloudFormation::Stack', `${rollback}_IN_PROGRESS`, summary);
        add(name, 'AWS::CloudFormation::Stack', `${rollback}_COMPLETE`);
        stack.status = `${rollback}_COMPLETE`;
        return;
      }
      for (const [id, resource] of resources) add(id, resource.type, `${verb}_COMPLETE`);
      stack.status = `${verb}_COMPLETE`;
      add(name, 'AWS::CloudFormation::Stack', stack.status);
      stack.outputs = { ...stack.outputs, ...outcome.outputs };
      stack.resources = { ...stack.resources, ...outcome.resources };
      stack.template = changeSet.body;
    };
    return {};
  }

  /**
   * The rules of Import an existing resource into a stack (CloudFormation User Guide): a supported type; "Each
   * resource to import must have a DeletionPolicy attribute"; the template describes the entire stack — its current
   * resources plus the imported ones, nothing else added ("As part of the import operation, you cannot modify or add
   * [Outputs]"). The wording of these messages is the fake's.
   */
  private validateImport(
    existing: FakeStack | undefined,
    template: TemplateJson,
    imports: readonly ResourceToImport[],
  ) {
    if (imports.length === 0) throw validation('ResourcesToImport must name at least one resource to import.');
    const resources = template.Resources ?? {};
    const current = existing === undefined || existing.status === 'REVIEW_IN_PROGRESS' ? {} : existing.resources;
    for (const r of imports) {
      const id = r.LogicalResourceId ?? '';
      if (!IMPORTABLE.has(r.ResourceType ?? '')) {
        throw validation(`ResourceType ${r.ResourceType} is not supported for import.`);
      }
      const defined = resources[id];
      if (defined === undefined || defined.Type !== r.ResourceType) {
        throw validation(`Resource ${id} to import is not in the template as ${r.ResourceType}.`);
      }
      if (defined.DeletionPolicy === undefined) {
        throw validation(
          `The DeletionPolicy attribute is missing for resource ${id}; each resource to import needs one.`,
        );
      }
    }
    const imported = new Set(imports.map((r) => r.LogicalResourceId));
    const added = Object.keys(resources).filter((id) => !imported.has(id) && !(id in current));
    if (added.length > 0) {
      throw validation(
        `You have modified resources [${added.join(', ')}] in your template that are not being imported. Update, create or delete operations cannot be executed during import operations.`,
      );
    }
    const outputs = (template: string | undefined) =>
      JSON.stringify((JSON.parse(template ?? '{}') as TemplateJson).Outputs ?? null);
    if (JSON.stringify(template.Outputs ?? null) !== outputs(existing?.template)) {
      throw validation('As part of the import operation, you cannot modify or add [Outputs]');
    }
  }

  private executeImport(stack: FakeStack, changeSet: FakeChangeSet) {
    const name = changeSet.stackName;
    stack.status = 'IMPORT_IN_PROGRESS';
    stack.events.push(this.event(name, name, 'AWS::CloudFormation::Stack', stack.status, 'User Initiated'));
    stack.pending = () => {
      for (const r of changeSet.imports) {
        const id = r.LogicalResourceId ?? '';
        stack.events.push(this.event(name, id, r.ResourceType ?? '', 'IMPORT_IN_PROGRESS'));
        stack.events.push(this.event(name, id, r.ResourceType ?? '', 'IMPORT_COMPLETE'));
        stack.resources[id] = { type: r.ResourceType ?? '', physicalId: identifierValue(r) };
      }
      stack.status = 'IMPORT_COMPLETE';
      stack.events.push(this.event(name, name, 'AWS::CloudFormation::Stack', stack.status));
      stack.template = changeSet.body;
    };
    return {};
  }

  /**
   * A new named resource whose name the account already uses fails as CloudFormation reports it, e.g.
   * `Resource of type 'AWS::ECR::Repository' with identifier 'hello-world-app' already exists.` (HandlerErrorCode
   * AlreadyExists, the resource handler contract's error for a create of an existing resource).
   */
  private alreadyExists(stack: FakeStack, template: TemplateJson): Outcome['fail'] {
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      const property = NAME_PROPERTY[resource.Type];
      const value = property === undefined ? undefined : resource.Properties?.[property];
      if (id in stack.resources || typeof value !== 'string' || !this.accountHas(resource.Type, value)) continue;
      return {
        logicalId: id,
        type: resource.Type,
        reason: `Resource handler returned message: "Resource of type '${resource.Type}' with identifier '${value}' already exists." (RequestToken: 6a1f0c52-7d3e-4b8a-9f2e-1c4d5e6f7a8b, HandlerErrorCode: AlreadyExists)`,
      };
    }
    return undefined;
  }

  /**
   * A repository policy whose principal is an IAM role or user fails unless that principal exists when the policy is
   * set: AWS JSON policy elements: Principal (IAM User Guide) resolves a role or user ARN to its unique id on save, and
   * an ARN with nothing behind it is an invalid principal (SetRepositoryPolicy's error: "Invalid parameter at
   * 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'"). An account principal
   * (`arn:…:iam::ACCOUNT:root` or the bare id) is always accepted.
   */
  private invalidPrincipal(template: TemplateJson): Outcome['fail'] {
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::ECR::Repository') continue;
      const policy = resource.Properties?.RepositoryPolicyText as
        | { Statement?: { Principal?: { AWS?: string | string[] } }[] }
        | undefined;
      const principals = (policy?.Statement ?? []).flatMap((statement) => [statement.Principal?.AWS ?? []].flat());
      const unknown = principals.find(
        (arn) => !/^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/.test(arn) && !this.principalExists(arn),
      );
      if (unknown === undefined) continue;
      return {
        logicalId: id,
        type: resource.Type,
        reason: `Resource handler returned message: "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided' (Service: Ecr, Status Code: 400)" (principal ${unknown})`,
      };
    }
    return undefined;
  }

  /** Whether an IAM role or user ARN names one that exists (none, unless a test says so). */
  principalExists: (arn: string) => boolean = () => false;

  /**
   * DeleteStack (CloudFormation API Reference): a name no stack has is no error; RetainResources is "for stacks in the
   * DELETE_FAILED state" only. DeletionPolicy attribute (CloudFormation Template Reference): Retain and
   * RetainExceptOnCreate keep the resource (DELETE_SKIPPED), anything else is deleted. An operation in progress other
   * than a deletion refuses it (the fake's wording). The stack stays DELETE_IN_PROGRESS for one poll while its
   * resources go, then is no longer found by name.
   */
  private deleteStack(input: { StackName?: string; RetainResources?: string[] }) {
    const name = input.StackName ?? '';
    const stack = this.stacks.get(name);
    if (stack === undefined) return {};
    const retain = new Set(input.RetainResources ?? []);
    if (retain.size > 0 && stack.status !== 'DELETE_FAILED') {
      throw validation(
        `Invalid operation on stack [${name}]: RetainResources can only be specified when the stack is in DELETE_FAILED state (it is ${stack.status})`,
      );
    }
    if (stack.status === 'DELETE_IN_PROGRESS') return {};
    if (stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw validation(`Stack [${name}] cannot be deleted while in status ${stack.status}`);
    }
    const template = JSON.parse(stack.template ?? '{}') as TemplateJson;
    const failure = this.deleteFailures.get(name);
    this.deleteFailures.delete(name);
    stack.status = 'DELETE_IN_PROGRESS';
    stack.events.push(this.event(name, name, 'AWS::CloudFormation::Stack', 'DELETE_IN_PROGRESS', 'User Initiated'));
    const add = (id: string, type: string, status: string, reason?: string) =>
      stack.events.push(this.event(name, id, type, status, reason));
    stack.pending = () => {
      const failed: string[] = [];
      for (const [id, resource] of Object.entries(stack.resources).reverse()) {
        const entry = { stackName: name, logicalId: id, type: resource.type, physicalId: resource.physicalId };
        const policy = template.Resources?.[id]?.DeletionPolicy;
        if (retain.has(id) || policy === 'Retain' || policy === 'RetainExceptOnCreate') {
          add(id, resource.type, 'DELETE_SKIPPED');
          this.retainedResources.push(entry);
          delete stack.resources[id];
          continue;
        }
        add(id, resource.type, 'DELETE_IN_PROGRESS');
        if (failure?.logicalId === id) {
          add(id, resource.type, 'DELETE_FAILED', failure.reason);
          stack.resources[id] = { ...resource, status: 'DELETE_FAILED', reason: failure.reason };
          failed.push(id);
          continue;
        }
        add(id, resource.type, 'DELETE_COMPLETE');
        this.deletedResources.push(entry);
        this.onDeleted(resource.type, resource.physicalId);
        delete stack.resources[id];
      }
      if (failed.length > 0) {
        stack.status = 'DELETE_FAILED';
        add(
          name,
          'AWS::CloudFormation::Stack',
          'DELETE_FAILED',
          `The following resource(s) failed to delete: [${failed.join(', ')}].`,
        );
        return;
      }
      stack.pending = () => {
        stack.status = 'DELETE_COMPLETE';
        this.stacks.delete(name);
      };
    };
    return {};
  }

  private event(stackName: string, logicalId: string, type: string, status: string, reason?: string): StackEvent {
    const n = ++this.sequence;
    return {
      EventId: `event-${n}`,
      StackId: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${stackName}/1`,
      StackName: stackName,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ResourceStatus: status as StackEvent['ResourceStatus'],
      Timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, n)),
      ...(reason === undefined ? {} : { ResourceStatusReason: reason }),
    };
  }
}

/** The identifier's value: the name, or a service's ARN. */
function identifierValue(resource: ResourceToImport): string {
  const identifier = resource.ResourceIdentifier ?? {};
  return identifier.ServiceArn ?? Object.values(identifier)[0] ?? '';
}
