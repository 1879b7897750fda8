import { type IAMClient, ListRolesCommand, type ListRolesCommandOutput } from '@aws-sdk/client-iam';

/**
 * Names of the roles whose trust policy names this OIDC provider as a Federated principal, except `ignore` (the
 * roles of the stacks being deleted). A provider such a role trusts must stay: deleting it does not update the roles
 * that name it, and "any attempt to assume a role that references a deleted provider fails"
 * (DeleteOpenIDConnectProvider, IAM API Reference).
 */
export async function rolesTrustingProvider(
  iam: IAMClient,
  providerArn: string,
  ignore: ReadonlySet<string>,
): Promise<string[]> {
  const users: string[] = [];
  let marker: string | undefined;
  // ListRoles (IAM API Reference): results come in pages; "check IsTruncated after every call", and pass the Marker
  // of the response to get the next page. The trust policy (AssumeRolePolicyDocument) is URL-encoded (RFC 3986).
  do {
    const page: ListRolesCommandOutput = await iam.send(new ListRolesCommand({ Marker: marker }));
    for (const role of page.Roles ?? []) {
      const name = role.RoleName ?? '';
      if (ignore.has(name) || role.AssumeRolePolicyDocument === undefined) continue;
      if (trusts(role.AssumeRolePolicyDocument, providerArn)) users.push(name);
    }
    marker = page.IsTruncated === true ? page.Marker : undefined;
  } while (marker !== undefined);
  return users.sort();
}

/** Whether a URL-encoded trust policy names the provider; one that cannot be read counts when it mentions it. */
function trusts(encoded: string, providerArn: string): boolean {
  let document: unknown;
  try {
    document = JSON.parse(decodeURIComponent(encoded));
  } catch {
    return encoded.includes(providerArn) || encoded.includes(encodeURIComponent(providerArn));
  }
  return federatedPrincipals(document).includes(providerArn);
}

/** Every `Principal.Federated` of a trust policy. */
function federatedPrincipals(document: unknown): string[] {
  const statements = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  return list.flatMap((statement) => {
    const federated = (statement as { Principal?: { Federated?: unknown } } | undefined)?.Principal?.Federated;
    if (typeof federated === 'string') return [federated];
    return Array.isArray(federated) ? federated.filter((value): value is string => typeof value === 'string') : [];
  });
}
