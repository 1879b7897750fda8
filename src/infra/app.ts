import { App, BootstraplessSynthesizer, type IReusableStackSynthesizer } from 'aws-cdk-lib';
import type { HatobaConfig } from '../config/resolve.js';
import { resourceNames } from '../naming.js';
import { PipelineStack } from './stacks/pipeline-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

export interface HatobaAppOptions {
  /**
   * Every environment of hatoba.yml (`LoadedConfig.environments`): the pipeline stack holds the deploy roles of those
   * in the chosen environment's account (and, in the build account, the pull grant of the others).
   * @default [] - a single-environment file
   */
  readonly environments?: readonly HatobaConfig[];
  /**
   * Directory of the cloud assembly (templates, manifest).
   * @default - a temporary directory chosen by the CDK
   */
  readonly outdir?: string;
  /**
   * Reuse the account's GitHub OIDC provider instead of creating one. `hatoba up` sets it after finding one
   * (iam:ListOpenIDConnectProviders) that its own pipeline stack does not own.
   * @default false
   */
  readonly existingOidcProvider?: boolean;
  /**
   * Check the templates against CloudFormation's resource schemas during synthesis. Loading the schemas takes several
   * seconds, and CloudFormation validates again when it creates a change set, so the CLI leaves it off; tests turn
   * it on.
   * @default false
   */
  readonly schemaValidation?: boolean;
}

export interface HatobaApp {
  readonly app: App;
  readonly pipeline: PipelineStack;
  readonly service: ServiceStack;
}

/**
 * The two stacks of one configuration (with `environments`: the chosen environment's service stack and its account's
 * pipeline stack). Environment-agnostic (account and Region resolve at deploy time; `up`
 * checks the account first) and without assets, so synthesis needs no credentials and deployment no CDK bootstrap.
 */
export function buildApp(config: HatobaConfig, options: HatobaAppOptions = {}): HatobaApp {
  const app = new App({
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    // No assets and no bootstrap stack: `up` deploys the templates itself through CloudFormation.
    // (Cast: CDK's class types `x: T | undefined` where its interface says `x?: T`.)
    defaultStackSynthesizer: new BootstraplessSynthesizer() as IReusableStackSynthesizer,
    analyticsReporting: false,
    stackTraces: false,
    builtinCloudFormationValidation: options.schemaValidation ?? false,
    context: {
      'aws:cdk:enable-path-metadata': false,
      // When validating, a template that breaks a resource schema fails synthesis instead of printing a warning.
      '@aws-cdk/core:validateAgainstDefaultRules': options.schemaValidation ?? false,
    },
  });
  const names = resourceNames(config);
  const pipeline = new PipelineStack(app, names.pipelineStack, {
    config,
    environments: options.environments ?? [],
    existingOidcProvider: options.existingOidcProvider ?? false,
  });
  const service = new ServiceStack(app, names.serviceStack, { config });
  return { app, pipeline, service };
}
