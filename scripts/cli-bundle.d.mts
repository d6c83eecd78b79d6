// Types of scripts/cli-bundle.mjs, for the tests.
export function sourceHash(root: string, files: readonly string[]): string;
export function freshBundle(root?: string): { entry: string | null; reason: 'fresh' | 'stale' | 'missing' };
export function buildCliBundle(root?: string): Promise<string>;
