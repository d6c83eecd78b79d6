/**
 * The last-resort browser of the tests: the brotli-packed headless Chromium for Linux x64 in the npm
 * package @sparticuz/chromium (a dev dependency), unpacked once into node_modules/.cache. The package
 * is made for serverless hosts; we use its files and its own `inflate`, not its launch flags (see
 * CHROMIUM_ARGS in browser.ts). Never used by the app itself.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { FoundBrowser } from './find-browser';

const run = promisify(execFile);
const PACKAGE = '@sparticuz/chromium';
/** The browser, its fonts, and NSS libraries for systems without them; not swiftshader (tests run with --disable-gpu). */
const ARCHIVES = ['chromium.br', 'fonts.tar.br', 'al2023.tar.br'];

interface Installed {
  dir: string;
  version: string;
}

function installedPackage(): Installed | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve(PACKAGE);
    const dir = path.resolve(path.dirname(entry), '..');
    const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
    return { dir, version };
  } catch {
    return undefined;
  }
}

/** The unpacked browser, unpacking it on first use; undefined when the package is not installed. */
export async function npmChromium(): Promise<FoundBrowser | undefined> {
  const pkg = installedPackage();
  if (!pkg) return undefined;
  // <node_modules>/@sparticuz/chromium → <node_modules>/.cache/workbench-browser/sparticuz-chromium-<version>
  const target = path.join(pkg.dir, '..', '..', '.cache', 'workbench-browser', `sparticuz-chromium-${pkg.version}`);
  const executablePath = path.join(target, 'chromium');
  if (!existsSync(executablePath)) await unpack(pkg, target);
  return { source: 'npm', executablePath, env: await launchEnv(target, executablePath) };
}

/**
 * Unpacks into a fresh folder, then renames it into place, so an interrupted run never leaves a
 * half-written browser behind and two runs at once do not collide. The package's `inflate` writes
 * to os.tmpdir(), so it runs in a child process whose TMPDIR is that fresh folder.
 */
async function unpack(pkg: Installed, target: string): Promise<void> {
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = mkdtempSync(`${target}.partial-`);
  try {
    const script = `const { inflate } = await import(${JSON.stringify(pathToFileURL(path.join(pkg.dir, 'build', 'index.js')).href)});
for (const file of ${JSON.stringify(ARCHIVES.map((a) => path.join(pkg.dir, 'bin', a)))}) await inflate(file);`;
    await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging } });
    // The package's fonts.conf names Lambda's folders; ours adds the bundled fonts to the system's.
    writeFileSync(
      path.join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${path.join(target, 'fonts')}</dir>\n  <cachedir>${path.join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, target);
    } catch (e) {
      if (!existsSync(path.join(target, 'chromium'))) throw e; // else another run finished first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Uses the system's NSS libraries when it has them (they match its glibc), the bundled ones otherwise. */
async function launchEnv(target: string, executablePath: string): Promise<Record<string, string>> {
  const env: Record<string, string> = { FONTCONFIG_FILE: path.join(target, 'fonts.conf') };
  const { stdout } = await run('ldd', [executablePath]).catch(() => ({ stdout: 'not found' }));
  if (stdout.includes('not found')) {
    const lib = path.join(target, 'al2023', 'lib');
    env.LD_LIBRARY_PATH = [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter);
  }
  return env;
}
