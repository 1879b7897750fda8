/**
 * Where workflows live, relative to the repository root, and the path of the generated deploy workflow: part of the
 * `job_workflow_ref`/`workflow_ref` claims the claims model and the trust policy compute.
 */
export const WORKFLOWS_DIR = '.github/workflows';
export const DEPLOY_WORKFLOW = `${WORKFLOWS_DIR}/deploy.yml`;
