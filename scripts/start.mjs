#!/usr/bin/env node
// `npm start`: the desktop app when Electron can run here, else the same workbench in the browser.
//  1. Find the Electron binary; if it is missing, try once to download it (electron's install.js,
//     at most 60 s), since `npm install` may have skipped that step (allowScripts).
//  2. Without a binary (or without a display), print one line and run scripts/web.mjs instead.
//  3. Build with electron-vite when out/ is missing or older than its sources, then run Electron.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FALLBACK_MESSAGE, electronEnv, electronPackageDir, findElectronBinary, missingDisplayReason, needsBuild, noDisplayMessage } from './start-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const INSTALL_TIMEOUT_MS = 60_000;
const FORWARDED_SIGNALS = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs a child with inherited stdio, passing our termination signals on to it. */
function run(command, argv, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, stdio: 'inherit', ...options });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const done = (result) => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      resolve(result);
    };
    child.on('error', (error) => done({ code: null, signal: null, error }));
    child.on('close', (code, signal) => done({ code, signal, error: null }));
  });
}

/** Runs a child and ends this process the way the child ended. */
async function runAndExit(command, argv, options) {
  const { code, signal, error } = await run(command, argv, options);
  if (error) {
    console.error(`Could not run ${command}: ${error.message}`);
    process.exit(1);
  }
  if (signal) {
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}

/** Tries electron's own installer; quiet unless it takes a while (i.e. it is really downloading). */
function tryInstallElectron(electronDir) {
  const installer = path.join(electronDir, 'install.js');
  if (!existsSync(installer)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: electronDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk).slice(-4000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const notice = setTimeout(() => console.log(`Downloading the Electron binary (waiting at most ${INSTALL_TIMEOUT_MS / 1000} s)...`), 2000);
    const timeout = setTimeout(() => child.kill('SIGTERM'), INSTALL_TIMEOUT_MS);
    const finish = (ok) => {
      clearTimeout(notice);
      clearTimeout(timeout);
      if (!ok && process.env.WORKBENCH_DEBUG) console.error(output.trim());
      resolve(ok);
    };
    child.on('error', () => finish(false));
    child.on('close', (code) => finish(code === 0));
  });
}

async function serveInBrowser(message) {
  console.log(message);
  await runAndExit(process.execPath, [path.join(root, 'scripts', 'web.mjs'), ...args]);
}

async function main() {
  let binary = findElectronBinary();
  const electronDir = electronPackageDir();
  if (!binary && electronDir && (await tryInstallElectron(electronDir))) binary = findElectronBinary();
  if (!binary) return serveInBrowser(FALLBACK_MESSAGE);
  const noDisplay = missingDisplayReason();
  if (noDisplay) return serveInBrowser(noDisplayMessage(noDisplay));

  if (needsBuild(root)) {
    console.log('Building the app (electron-vite build)...');
    const require = createRequire(import.meta.url);
    const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
    const { code, signal, error } = await run(process.execPath, [electronVite, 'build']);
    if (error || signal || code !== 0) {
      console.error('The build failed; see the messages above.');
      process.exit(code || 1);
    }
  }
  await runAndExit(binary, [root, ...args], { env: electronEnv() });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
