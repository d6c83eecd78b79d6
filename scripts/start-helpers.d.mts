// Types of scripts/start-helpers.mjs, for the unit tests.
import type { Stats } from 'node:fs';

export function electronPackageDir(): string | null;
export function findElectronBinary(options?: {
  electronDir?: string | null;
  env?: Record<string, string | undefined>;
  exists?: (p: string) => boolean;
  readText?: (p: string) => string;
}): string | null;
export function missingDisplayReason(options?: { platform?: string; env?: Record<string, string | undefined> }): string | null;
export const BUILD_OUTPUTS: readonly string[];
export const BUILD_INPUTS: readonly string[];
export function needsBuild(root: string, options?: { stat?: (p: string) => Pick<Stats, 'mtimeMs' | 'isDirectory'>; list?: (p: string) => string[] }): boolean;
export function electronEnv(env?: Record<string, string | undefined>): Record<string, string | undefined>;
export const FALLBACK_MESSAGE: string;
export function noDisplayMessage(reason: string): string;
