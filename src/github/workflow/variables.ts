/** GitHub configuration variables the workflows read; `init` prints the `gh variable set` commands for them. */
export const ROLE_ARN_VARIABLE = 'AWS_ROLE_ARN';
export const REGION_VARIABLE = 'AWS_REGION';
/**
 * With `environments`: the build job's role and Region, as repository variables. The deploy jobs read
 * ROLE_ARN_VARIABLE and REGION_VARIABLE, set per GitHub environment (`gh variable set --env`), which GitHub resolves
 * for a job that declares that environment. Distinct names, so a missing environment variable can never fall back
 * to the build account's role.
 */
export const PUSH_ROLE_ARN_VARIABLE = 'AWS_PUSH_ROLE_ARN';
export const PUSH_REGION_VARIABLE = 'AWS_PUSH_REGION';
