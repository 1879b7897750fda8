import type { InitDependencies, InitOptions } from '../../init/init.js';
import { type CommandContext, defineCommand } from '../command.js';

export interface InitCommandOptions {
  app?: string;
  repository?: string;
  branch?: string[];
  environment?: string;
  environments?: string;
  account?: string;
  region?: string;
  port?: string;
  healthCheckPath?: string;
  architecture?: string;
  roleArn?: string;
  split?: boolean;
  force?: boolean;
  setGithubVars?: boolean;
  forceWorkflow?: boolean;
  dir?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export default defineCommand<InitCommandOptions>({
  name: 'init',
  summary: 'write hatoba.yml, the GitHub Actions deploy workflow and (for Node.js, Python and Go apps) a Dockerfile',
  configure(command) {
    command
      .option('--app <name>', 'app name: names the stacks, ECR repository and ECS service')
      .option('--repository <owner/repo>', 'GitHub repository (default: from `git remote get-url origin`)')
      .option('--branch <name>', 'branch that deploys; repeat for more (default: the default branch)', collect)
      .option('--environment <name>', 'GitHub environment of the deploy jobs (the role then trusts only it)')
      .option(
        '--environments <names>',
        'environments to promote one image through, in order (e.g. staging,production): one deploy job and role each',
      )
      .option('--account <id>', 'AWS account id, 12 digits (env HATOBA_AWS_ACCOUNT)')
      .option('--region <region>', 'AWS Region (env HATOBA_AWS_REGION, AWS_REGION)')
      .option('--port <port>', "container port (default: the Dockerfile's EXPOSE, else 8080)")
      .option(
        '--health-check-path <path>',
        "path the load balancer probes (default: the Dockerfile's HEALTHCHECK, a /health-style route in the sources, else /healthz)",
      )
      .option('--architecture <arch>', 'X86_64 or ARM64 (ARM64 builds on native Arm runners)')
      .option('--role-arn <arn>', 'deploy with this existing IAM role (github.roleArn) instead of creating one')
      .option('--split', 'write ecr-push.yml and a reusable ecs-deploy.yml instead of one deploy.yml')
      .option('--force', 'overwrite existing files (hatoba.yml keeps its other keys and comments)')
      .option('--force-workflow', "write hatoba's workflow even next to a hand-written workflow that already deploys")
      .option('--set-github-vars', 'set AWS_ROLE_ARN and AWS_REGION with the GitHub CLI (gh) when it is logged in')
      .option('--dir <dir>', 'project directory (default: .)')
      .option('--json', 'print one JSON document');
    command.addHelpText(
      'after',
      '\nPrompts for missing answers on a terminal; elsewhere every answer comes from flags or detection.\n\n' +
        'Examples:\n  hatoba init\n  hatoba init --account 123456789012 --region ap-northeast-1 --environment production\n' +
        '  hatoba init --architecture ARM64 --split --set-github-vars\n' +
        '  hatoba init --environments staging,production',
    );
  },
  async run(options, context) {
    const [{ runProgram }, { version }] = await Promise.all([
      import('../../github/git-remote.js'),
      import('../../version.js'),
    ]);
    // --json promises one document and no questions.
    const prompter = options.json ? undefined : await context.prompter();
    try {
      return await runInit(options, context, { prompter, run: runProgram, hatobaVersion: version() });
    } finally {
      prompter?.close();
    }
  },
});

/** Plans and writes the files (src/init/init.ts), then reports them (src/report/init.ts). */
export async function runInit(options: InitOptions, context: CommandContext, deps: InitDependencies): Promise<number> {
  const [{ initProject }, { printInit }, { EXIT_OK }] = await Promise.all([
    import('../../init/init.js'),
    import('../../report/init.js'),
    import('../../errors.js'),
  ]);
  printInit(context, options, await initProject(options, context, deps));
  return EXIT_OK;
}
