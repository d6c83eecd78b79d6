/** Runs the real `workbench` command (node bin/workbench.mjs) as a child process. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'workbench.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runWorkbench(args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // Tests do not write to the user's own query history unless they ask for it (WORKBENCH_HISTORY in `env`).
    const env = { WORKBENCH_HISTORY: 'off', ...(options.env ?? process.env) };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], env });
    // A run that never ends is a failure to report, not a test that hangs.
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
    child.on('close', () => timer && clearTimeout(timer));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
