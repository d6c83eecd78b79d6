#!/usr/bin/env node
// The `workbench` command, from any working directory: runs the CLI bundle (scripts/cli-bundle.mjs)
// when it was built from the sources on disk now, else src/cli/main.ts through tsx (a clean clone
// before its first build, or sources edited since): a stale bundle is never used.
//
// The command runs in a child process and this one only watches it. DuckDB (wasm) blocks its
// thread while it loads and between polls of a query, so a Ctrl-C handler inside the command can
// run late; this process is never busy, so Ctrl-C always ends the command within a second: the
// child gets SIGINT (cancel, clean up), and if it has not ended after a short grace it is killed
// and its temporary output files are removed here.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHILD = 'WORKBENCH_CHILD';
const GRACE_MS = 600;
const INTERRUPTED = 130;

const args = process.argv.slice(2);
/** Help and version never start the database: they run here, without a second process. */
const quick = args.length === 0 || ['help', 'version', '--help', '-h', '--version', '-V'].includes(args[0]) || args.includes('--help') || args.includes('-h');

if (process.env[CHILD] === '1' || quick) {
  // WORKBENCH_FROM_SOURCES=1 runs the sources even when the bundle is fresh (`npm run bench -- start` compares both).
  const bundle = process.env.WORKBENCH_FROM_SOURCES === '1' ? { entry: null, reason: 'skipped' } : (await import('../scripts/cli-bundle.mjs')).freshBundle();
  if (process.env.WORKBENCH_DEBUG) process.stderr.write(`workbench: CLI bundle ${bundle.reason}${bundle.entry ? '' : ', running the sources through tsx'}\n`);
  const { run } = bundle.entry
    ? await import(pathToFileURL(bundle.entry).href)
    : await import('tsx/esm/api').then(({ tsImport }) => tsImport('../src/cli/main.ts', import.meta.url));
  await run(process.argv.slice(2));
} else {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, [CHILD]: '1' },
  });
  let killTimer = null;
  const interrupt = (signal) => {
    // From a terminal the child got the signal too; sent to this process alone, pass it on.
    child.kill(signal);
    killTimer ??= setTimeout(() => {
      child.kill('SIGKILL');
      removeTemps(child.pid, args);
      process.stderr.write('workbench: Cancelled.\n');
      process.exit(INTERRUPTED);
    }, GRACE_MS);
  };
  process.on('SIGINT', () => interrupt('SIGINT'));
  process.on('SIGTERM', () => interrupt('SIGTERM'));
  child.on('error', (e) => {
    process.stderr.write(`workbench: cannot start: ${e.message}\n`);
    process.exit(70);
  });
  child.on('exit', (code, signal) => {
    if (killTimer) clearTimeout(killTimer);
    process.exit(code ?? (signal === 'SIGINT' ? INTERRUPTED : 70));
  });
}

/** Removes the killed child's temporary output files (src/cli/output.ts names them `.NAME.PID-HEX.tmp`). */
function removeTemps(pid, args) {
  const pattern = new RegExp(`^\\..+\\.${pid}-[0-9a-f]{8}\\.tmp$`);
  const dirs = new Set([process.cwd()]);
  for (const a of args) {
    const value = a.replace(/^--[a-z-]+=/, '');
    const full = path.resolve(value);
    dirs.add(path.dirname(full));
    try {
      if (statSync(full).isDirectory()) dirs.add(full);
    } catch {
      // not a path
    }
  }
  for (const dir of dirs) {
    let names = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (pattern.test(name)) {
        try {
          unlinkSync(path.join(dir, name));
        } catch {
          // gone already
        }
      }
    }
  }
}
