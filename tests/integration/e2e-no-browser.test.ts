/**
 * With no usable browser the end-to-end run stops in its globalSetup with one line that says what
 * to do: no stack trace, no test file started. Runs the real vitest CLI on the e2e project.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../support/cli';

it('stops the e2e run with one line when the browser is unusable', () => {
  const missing = path.join(ROOT, 'no-such-browser');
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'e2e'], {
    cwd: ROOT,
    env: { ...process.env, WORKBENCH_BROWSER: missing, NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr.trim()).toBe(`WORKBENCH_BROWSER=${missing} is not an executable file: point it at a Chrome, Chromium or Edge binary, or unset it`);
  expect(run.stdout).not.toMatch(/✓|×|FAIL|\n\s+at /);
});
