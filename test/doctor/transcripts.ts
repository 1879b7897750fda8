// Prints what `hatoba doctor` shows, run through the real CLI (`main`) against the fake account of world.ts, as
// Markdown for docs/doctor.md. `npx tsx test/doctor/transcripts.ts`
import { doctorWorld, type WorldOptions } from './world.js';

const RUNS: Record<string, WorldOptions> = {
  'A healthy setup': {},
  'A console-made role (github.roleArn, audience typo), an arm64 image for an X86_64 service, and no lifecycle policy':
    {
      roleArn: 'arn:aws:iam::123456789012:role/Githubactions-to-ECR-role',
      providerAudiences: ['sts.amazon.com'],
      trust: (generated) => {
        const doc = structuredClone(generated) as {
          Statement: { Condition: { StringEquals: Record<string, unknown> } }[];
        };
        for (const s of doc.Statement)
          s.Condition.StringEquals['token.actions.githubusercontent.com:aud'] = 'sts.amazon.com';
        return doc;
      },
      imagePlatforms: ['linux/arm64'],
      repository: { ImageTagMutability: 'MUTABLE', ImageScanningConfiguration: { ScanOnPush: true } },
    },
};

for (const [title, options] of Object.entries(RUNS)) {
  const world = await doctorWorld(options);
  try {
    const result = await world.run();
    process.stdout.write(
      `### ${title}\n\n\`\`\`console\n$ hatoba doctor\n${result.stdout}$ echo $?\n${result.code}\n\`\`\`\n\n`,
    );
  } finally {
    await world.restore();
  }
}
