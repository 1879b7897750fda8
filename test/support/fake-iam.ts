import {
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  InvalidInputException,
  ListAttachedRolePoliciesCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  NoSuchEntityException,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyCommandInput,
} from '@aws-sdk/client-iam';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { parseRoleArn } from '../../src/config/role-arn.js';
import type { RequestContext } from '../../src/iam/conditions.js';
import { evaluatePolicy } from '../../src/iam/evaluate.js';
import { normalizePolicy } from '../../src/iam/policy.js';

/**
 * A stateful IAM behind aws-sdk-client-mock: OIDC providers, roles with a trust policy and inline/attached policies.
 * SimulatePrincipalPolicy is answered by hatoba's own evaluator (src/iam/evaluate.ts) over the role's policies, so
 * what this fake proves about real IAM is the documented request and response shape only, not IAM's decisions.
 */

export interface FakeRole {
  readonly name: string;
  /** `/` (default) or `/path/`. */
  readonly path?: string;
  readonly trust: unknown;
  /** Inline policies by name. */
  readonly inline?: Readonly<Record<string, unknown>>;
  /** Customer managed policies attached to the role, by ARN. */
  readonly attached?: Readonly<Record<string, unknown>>;
}

// SimulatePrincipalPolicy, ContextEntry.ContextKeyType (IAM API Reference): the documented value types.
const CONTEXT_KEY_TYPES = new Set([
  'string',
  'stringList',
  'numeric',
  'numericList',
  'boolean',
  'booleanList',
  'ip',
  'ipList',
  'binary',
  'binaryList',
  'date',
  'dateList',
]);

const noSuchEntity = (message: string) => new NoSuchEntityException({ message, $metadata: {} });
const invalidInput = (message: string) => new InvalidInputException({ message, $metadata: {} });

export class FakeIam {
  readonly mock: AwsClientStub<IAMClient>;
  private readonly roles = new Map<string, FakeRole>();
  private readonly providers = new Map<string, string[]>();
  /** Roles per ListRoles page: IAM "might return fewer than the MaxItems number of results even when there are more". */
  listRolesPageSize = 100;

  constructor(private readonly account: string) {
    this.mock = mockClient(IAMClient);
    const m = this.mock;
    m.on(ListOpenIDConnectProvidersCommand).callsFake(() => ({
      OpenIDConnectProviderList: [...this.providers.keys()].map((Arn) => ({ Arn })),
    }));
    m.on(GetOpenIDConnectProviderCommand).callsFake(({ OpenIDConnectProviderArn }) => {
      const audiences = this.providers.get(OpenIDConnectProviderArn);
      if (audiences === undefined) throw noSuchEntity(`OpenIDConnect provider ${OpenIDConnectProviderArn} not found`);
      return { Url: OpenIDConnectProviderArn.split('oidc-provider/')[1], ClientIDList: audiences };
    });
    // IAM returns policy documents URL-encoded (RFC 3986): GetRole's AssumeRolePolicyDocument, GetRolePolicy's and
    // GetPolicyVersion's PolicyDocument/Document.
    m.on(GetRoleCommand).callsFake(({ RoleName }) => {
      const role = this.role(RoleName);
      return {
        Role: {
          RoleName,
          Arn: this.roleArn(RoleName),
          Path: role.path ?? '/',
          RoleId: 'AROAEXAMPLE',
          CreateDate: new Date(0),
          AssumeRolePolicyDocument: encode(role.trust),
        },
      };
    });
    m.on(ListRolePoliciesCommand).callsFake(({ RoleName }) => ({
      PolicyNames: Object.keys(this.role(RoleName).inline ?? {}),
    }));
    m.on(GetRolePolicyCommand).callsFake(({ RoleName, PolicyName }) => {
      const document = this.role(RoleName).inline?.[PolicyName];
      if (document === undefined) throw noSuchEntity(`The role policy with name ${PolicyName} cannot be found.`);
      return { RoleName, PolicyName, PolicyDocument: encode(document) };
    });
    m.on(ListAttachedRolePoliciesCommand).callsFake(({ RoleName }) => ({
      AttachedPolicies: Object.keys(this.role(RoleName).attached ?? {}).map((PolicyArn) => ({
        PolicyArn,
        PolicyName: PolicyArn.slice(PolicyArn.lastIndexOf('/') + 1),
      })),
    }));
    m.on(GetPolicyCommand).callsFake(({ PolicyArn }) => {
      this.managed(PolicyArn);
      return { Policy: { Arn: PolicyArn, DefaultVersionId: 'v3' } };
    });
    m.on(GetPolicyVersionCommand).callsFake(({ PolicyArn, VersionId }) => {
      const document = this.managed(PolicyArn);
      if (VersionId !== 'v3') throw noSuchEntity(`Policy ${PolicyArn} version ${VersionId} does not exist.`);
      return { PolicyVersion: { Document: encode(document), VersionId, IsDefaultVersion: true } };
    });
    // ListRoles (IAM API Reference): MaxItems defaults to 100; IsTruncated and Marker page on; the trust policy is
    // URL-encoded. A Marker this fake did not hand out is invalid input.
    m.on(ListRolesCommand).callsFake(({ Marker, MaxItems }) => {
      const start = Marker === undefined ? 0 : Number(/^page-(\d+)$/.exec(Marker)?.[1] ?? Number.NaN);
      if (Number.isNaN(start)) throw invalidInput(`Invalid Marker ${Marker}`);
      const size = Math.min(MaxItems ?? 100, this.listRolesPageSize);
      const roles = [...this.roles.values()];
      const page = roles.slice(start, start + size);
      const truncated = start + size < roles.length;
      return {
        Roles: page.map((role) => ({
          RoleName: role.name,
          Arn: this.roleArn(role.name),
          Path: '/',
          RoleId: 'AROAEXAMPLE',
          CreateDate: new Date(0),
          AssumeRolePolicyDocument: encode(role.trust),
        })),
        IsTruncated: truncated,
        ...(truncated ? { Marker: `page-${start + size}` } : {}),
      };
    });
    // DeleteOpenIDConnectProvider (IAM API Reference): idempotent, no error for a provider that does not exist.
    m.on(DeleteOpenIDConnectProviderCommand).callsFake(({ OpenIDConnectProviderArn }) => {
      this.providers.delete(OpenIDConnectProviderArn ?? '');
      return {};
    });
    m.on(SimulatePrincipalPolicyCommand).callsFake((input) => this.simulate(input));
  }

  withProvider(arn: string, audiences: readonly string[]): this {
    this.providers.set(arn, [...audiences]);
    return this;
  }

  withRole(role: FakeRole): this {
    this.roles.set(role.name, role);
    return this;
  }

  hasProvider(arn: string): boolean {
    return this.providers.has(arn);
  }

  /** A role CloudFormation deleted with its stack. */
  removeRole(name: string): void {
    this.roles.delete(name);
  }

  restore(): void {
    this.mock.restore();
  }

  private roleArn(name: string): string {
    return `arn:aws:iam::${this.account}:role${this.role(name).path ?? '/'}${name}`;
  }

  private role(name: string | undefined): FakeRole {
    const role = this.roles.get(name ?? '');
    if (role === undefined) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return role;
  }

  private managed(arn: string | undefined): unknown {
    for (const role of this.roles.values()) {
      const document = role.attached?.[arn ?? ''];
      if (document !== undefined) return document;
    }
    throw noSuchEntity(`Policy ${arn} was not found.`);
  }

  /**
   * SimulatePrincipalPolicy (IAM API Reference): PolicySourceArn and ActionNames are required; ContextEntries need
   * ContextKeyName, ContextKeyValues and a documented ContextKeyType. The answer has one EvaluationResult per action
   * with EvalDecision allowed | explicitDeny | implicitDeny.
   */
  private simulate(input: SimulatePrincipalPolicyCommandInput) {
    const arn = parseRoleArn(input.PolicySourceArn ?? '');
    if ('problem' in arn || arn.account !== this.account || (this.roles.get(arn.name)?.path ?? '/') !== arn.path) {
      throw invalidInput(`PolicySourceArn ${input.PolicySourceArn} is not a role ARN of this account`);
    }
    const { name } = arn;
    const role = this.role(name);
    if (input.ActionNames === undefined || input.ActionNames.length === 0)
      throw invalidInput('ActionNames is required');
    const context: Record<string, RequestContext[string]> = {};
    for (const entry of input.ContextEntries ?? []) {
      if (!entry.ContextKeyName || !entry.ContextKeyValues || !CONTEXT_KEY_TYPES.has(entry.ContextKeyType ?? '')) {
        throw invalidInput(`invalid ContextEntry ${JSON.stringify(entry)}`);
      }
      context[entry.ContextKeyName] =
        entry.ContextKeyValues.length === 1 ? (entry.ContextKeyValues[0] as string) : entry.ContextKeyValues;
    }
    const policies = [...Object.values(role.inline ?? {}), ...Object.values(role.attached ?? {})].map((d) =>
      normalizePolicy(d, `policy of ${name}`),
    );
    const resource = input.ResourceArns?.[0] ?? '*';
    return {
      IsTruncated: false,
      EvaluationResults: input.ActionNames.map((action) => {
        const verdicts = policies.map((policy) =>
          evaluatePolicy(policy, {
            action,
            ...(resource === '*' ? {} : { resource }),
            context,
          }),
        );
        const decision = verdicts.some((v) => v.reason === 'explicit-deny')
          ? 'explicitDeny'
          : verdicts.some((v) => v.verdict === 'allowed')
            ? 'allowed'
            : 'implicitDeny';
        return { EvalActionName: action, EvalResourceName: resource, EvalDecision: decision, MatchedStatements: [] };
      }),
    };
  }
}

function encode(document: unknown): string {
  return encodeURIComponent(JSON.stringify(document));
}
