import { readdir } from 'node:fs/promises';

/** Stacks init recognises but writes no Dockerfile for: the marker files that give each away. */
const MARKERS: readonly { readonly language: string; readonly anchor: string; readonly files: RegExp }[] = [
  { language: 'Ruby', anchor: 'ruby', files: /^(?:Gemfile|\.ruby-version|config\.ru)$/ },
  {
    language: 'Java',
    anchor: 'java',
    files: /^(?:pom\.xml|build\.gradle(?:\.kts)?|settings\.gradle(?:\.kts)?|mvnw|gradlew)$/,
  },
  { language: 'Rust', anchor: 'rust', files: /^Cargo\.toml$/ },
  { language: 'PHP', anchor: 'other-stacks', files: /^composer\.json$/ },
  { language: '.NET', anchor: 'other-stacks', files: /\.(?:csproj|fsproj|sln)$/ },
];

export interface OtherStack {
  readonly language: string;
  /** The section of docs/dockerfiles.md about it. */
  readonly anchor: string;
}

export async function detectOther(dir: string): Promise<OtherStack | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).slice(0, 1000);
  const marker = MARKERS.find((m) => names.some((name) => m.files.test(name)));
  return marker === undefined ? undefined : { language: marker.language, anchor: marker.anchor };
}
