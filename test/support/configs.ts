/** The smallest valid hatoba.yml; tests append or replace keys to make the case they need. */
export const MINIMAL_CONFIG = `app: hello-service
github:
  repository: example-org/hello-service
aws:
  account: '123456789012'
  region: eu-west-1
`;
