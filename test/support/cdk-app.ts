import { App } from 'aws-cdk-lib';

/**
 * An App for construct tests. CloudFormation schema validation is off here (it costs seconds per file); the synth
 * test runs it, as errors, on every stack hatoba produces.
 */
export function testApp(): App {
  return new App({ builtinCloudFormationValidation: false, stackTraces: false });
}
