/**
 * Vitest globalSetup of the unit project: builds the `workbench` command's bundle
 * (scripts/cli-bundle.mjs) once before the CLI tests, so they run the command as `npm run build`
 * leaves it. Without it they would still pass, through the tsx fallback, but test the wrong thing.
 */
import { buildCliBundle } from '../../scripts/cli-bundle.mjs';

export default async function setup(): Promise<void> {
  await buildCliBundle();
}
