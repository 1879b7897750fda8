import { WORKFLOWS_DIR } from '../../oidc/workflow-paths.js';

/** Where the other generated workflows live; the deploy workflow's path belongs to the claims model (src/oidc/). */
export const PUSH_WORKFLOW = `${WORKFLOWS_DIR}/ecr-push.yml`;
export const ECS_DEPLOY_WORKFLOW = `${WORKFLOWS_DIR}/ecs-deploy.yml`;
