import type { HatobaConfig } from '../../src/config/resolve.js';
import { stepsUsing } from '../../src/github/lint/jobs.js';
import { BUILD_PUSH_ACTION, registryCaches, repositoryTag } from '../../src/github/lint/registry-cache.js';
import { parseWorkflow } from '../../src/github/lint/workflow.js';
import { generateWorkflows } from '../../src/github/workflow/generate.js';
import { repositoryUri } from '../../src/naming.js';
import type { RecordedRequest } from './aws-authorizations.js';

/**
 * The ECR requests behind the generated build job: amazon-ecr-login gets a registry token; pushing an image and
 * exporting the registry cache need the push actions (IAM permissions for pushing an image to an Amazon ECR private
 * repository); importing the cache pulls (Using Amazon ECR images with Amazon ECS: BatchGetImage, GetDownloadUrlForLayer).
 */
export function imagePushRequests(cfg: HatobaConfig): RecordedRequest[] {
  const host = repositoryUri(cfg).split('/')[0] ?? '';
  const push = [
    'BatchCheckLayerAvailability',
    'InitiateLayerUpload',
    'UploadLayerPart',
    'CompleteLayerUpload',
    'PutImage',
    'BatchGetImage',
  ];
  const pull = ['BatchGetImage', 'GetDownloadUrlForLayer'];
  const requests: RecordedRequest[] = [];
  const ecr = (operation: string, repositoryName?: string): RecordedRequest => ({
    client: 'ecr',
    operation,
    input: repositoryName === undefined ? {} : { repositoryName },
  });
  for (const generated of generateWorkflows(cfg, { hatobaVersion: '0.0.0' })) {
    const workflow = parseWorkflow(generated.content, generated.path, generated.path);
    for (const job of workflow.jobs) {
      if (stepsUsing(job, 'aws-actions/amazon-ecr-login').length > 0) requests.push(ecr('GetAuthorizationToken'));
      for (const step of stepsUsing(job, BUILD_PUSH_ACTION)) {
        if (step.with.push !== true) continue;
        for (const tag of String(step.with.tags ?? '').split(/[\n,]/)) {
          const target = repositoryTag(tag.trim(), host);
          if (target !== undefined) requests.push(...push.map((op) => ecr(op, target.repository)));
        }
      }
      for (const cache of registryCaches(job)) {
        const target = repositoryTag(cache.ref, host);
        if (target === undefined) throw new Error(`cache ${cache.ref} is not in the ECR registry ${host}`);
        requests.push(...(cache.direction === 'to' ? push : pull).map((op) => ecr(op, target.repository)));
      }
    }
  }
  return requests;
}
