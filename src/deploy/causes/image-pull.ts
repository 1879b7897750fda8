import { type Cause, type CauseRule, firstMatch } from '../cause.js';

/** CannotPullContainerError: the image could not be fetched. The text tells missing, denied and unreachable apart. */
const RULES: readonly CauseRule[] = [
  {
    id: 'image-platform',
    when: /descriptor matching platform|no matching manifest for/i,
    title: 'The image has no build for the CPU architecture the task runs on',
    fix: 'Build for the platform in hatoba.yml (ecs.architecture X86_64 → linux/amd64, ARM64 → linux/arm64): docker buildx build --platform linux/amd64 …, or change ecs.architecture to match the image.',
  },
  {
    id: 'registry-rate-limit',
    when: /toomanyrequests|pull rate limit/i,
    title: 'The registry refused the pull because of its rate limit',
    fix: 'Push the image (and base images pulled at runtime) to your private ECR repository, or use an ECR pull-through cache.',
  },
  {
    id: 'image-not-found',
    when: /failed to resolve ref|not found|manifest unknown|does not exist/i,
    title: 'The image tag or digest does not exist in the repository',
    fix: 'Check that the build pushed the image you passed to --image (same repository, tag or digest), and that no ECR lifecycle rule expired it. Deploy by digest.',
  },
  {
    id: 'image-pull-denied',
    when: /AccessDenied|not authorized|403|Forbidden|permissions to pull/i,
    title: 'The task execution role may not pull this image',
    fix: 'Give the execution role ecr:GetAuthorizationToken (on *), ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the repository (`hatoba up` does), and deploy from the repository named in hatoba.yml.',
  },
  {
    id: 'image-pull-network',
    when: /i\/o timeout|dial tcp|deadline exceeded|connection issue|request canceled|context canceled|timed? ?out/i,
    title: 'The task cannot reach the registry over the network',
    fix: 'Give the task subnets a route to ECR: public subnets with network.assignPublicIp true, a NAT gateway, or VPC endpoints for ecr.api, ecr.dkr, S3 and logs; allow outbound 443 in the security group.',
  },
];

const FALLBACK: CauseRule = {
  id: 'image-pull-failed',
  when: /./,
  title: 'ECS could not pull the image',
  fix: 'Read the evidence: check the image reference, the execution role and the network path to the registry.',
};

export function classifyImagePull(text: string): Omit<Cause, 'evidence'> | undefined {
  if (!/CannotPullContainerError|cannot pull|can't pull/i.test(text)) return undefined;
  const rule = firstMatch(RULES, text) ?? FALLBACK;
  return { id: rule.id, title: rule.title, fix: rule.fix, urgency: 'immediate' };
}
