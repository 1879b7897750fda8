/**
 * Valid Fargate task sizes: cpu units → allowed memory in MiB, for Linux. Source: the table of valid CPU and memory
 * combinations in AWS's "Troubleshoot Amazon ECS task definition invalid CPU or memory errors" (the same list as the
 * ECS API reference, TaskDefinition `memory`). A size outside it fails with "Invalid 'cpu' setting for task.".
 */
const RANGES: Record<number, { min: number; max: number; step: number } | readonly number[]> = {
  256: [512, 1024, 2048],
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

export const FARGATE_CPU_VALUES = Object.keys(RANGES).map(Number);

export function fargateMemoryValues(cpu: number): number[] {
  const range = RANGES[cpu];
  if (range === undefined) return [];
  if (Array.isArray(range)) return [...range];
  const { min, max, step } = range as { min: number; max: number; step: number };
  const values: number[] = [];
  for (let memory = min; memory <= max; memory += step) values.push(memory);
  return values;
}

/** The smallest memory Fargate allows for `cpu`, in MiB. */
export function fargateMinimumMemory(cpu: number): number | undefined {
  return fargateMemoryValues(cpu)[0];
}

/** The rule in words, for error messages. */
export function describeFargateMemory(cpu: number): string {
  const range = RANGES[cpu];
  if (range === undefined) return '';
  if (Array.isArray(range)) return `${range.join(', ')} MiB`;
  const { min, max, step } = range as { min: number; max: number; step: number };
  return `${min}–${max} MiB in steps of ${step}`;
}

/** The image platform each Fargate CPU architecture (`runtimePlatform.cpuArchitecture`) runs. */
export const IMAGE_PLATFORMS = { X86_64: 'linux/amd64', ARM64: 'linux/arm64' } as const;

/**
 * The ALB target health check timeout hatoba uses for an interval: shorter than the interval (ELB requires it) and
 * at most 5 s, so a hung request fails one check instead of several.
 */
export function healthCheckTimeoutSeconds(intervalSeconds: number): number {
  return Math.max(2, Math.min(5, intervalSeconds - 1));
}
