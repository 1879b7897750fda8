/**
 * Where generated workflows live, relative to the repository root. Kept apart from the generator (which loads
 * yaml) because the claims model and the trust policy need the deploy workflow's path too.
 */
export const WORKFLOWS_DIR = '.github/workflows';
export const DEPLOY_WORKFLOW = `${WORKFLOWS_DIR}/deploy.yml`;
export const PUSH_WORKFLOW = `${WORKFLOWS_DIR}/ecr-push.yml`;
export const ECS_DEPLOY_WORKFLOW = `${WORKFLOWS_DIR}/ecs-deploy.yml`;
