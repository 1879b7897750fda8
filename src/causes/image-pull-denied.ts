import { defineCause } from './entry.js';

/** Seen by deploy only: rehearse pulls from a local registry. */
export const imagePullDenied = defineCause({
  id: 'image-pull-denied',
  title: 'The task execution role may not pull this image',
  fix: 'Give the execution role ecr:GetAuthorizationToken (on *), ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the repository (`hatoba up` does), and deploy from the repository named in hatoba.yml.',
});
