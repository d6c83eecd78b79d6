// Types of scripts/duckdb-glue-patch.mjs, for the tests.
import type { Plugin } from 'esbuild';

export const GLUE_FILE: string;
export const GLUE_PATCHES: readonly { name: string; find: string; replace: string }[];
export function patchGlue(text: string, file?: string): string;
export const patchDuckdbGlue: Plugin;
