import { type HatobaConfig, resolveConfig } from '../../src/config/resolve.js';
import { configSchema, type HatobaConfigFile } from '../../src/config/schema.js';

/** A validated, resolved config for tests: a small service plus whatever `github` keys the test sets. */
export function testConfig(
  github: Partial<HatobaConfigFile['github']> = {},
  rest: Partial<HatobaConfigFile> = {},
): HatobaConfig {
  return resolveConfig(
    configSchema.parse({
      app: 'web',
      github: { repository: 'octo-org/web', ...github },
      aws: { account: '123456789012', region: 'eu-west-1' },
      ...rest,
    }),
  );
}
/** The smallest valid hatoba.yml; tests append or replace keys to make the case they need. */
export const MINIMAL_CONFIG = `app: hello-service
github:
  repository: example-org/hello-service
aws:
  account: '123456789012'
  region: eu-west-1
`;

/** Two environments: staging in the build account 111111111111, production in 222222222222; the build job runs on main. */
export const TWO_ACCOUNT_ENVIRONMENTS_CONFIG = `app: shop
github:
  repository: octo-org/shop
aws:
  account: '111111111111'
  region: ap-northeast-1
environments:
  staging:
  production:
    aws:
      account: '222222222222'
`;
