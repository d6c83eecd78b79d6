/**
 * Vitest globalSetup of the e2e project: finds the browser once, before any test file runs (so the
 * npm-shipped Chromium is unpacked once), and prints which one the run uses. With no browser at all
 * the run stops with one line saying what to install, not a stack trace per test file.
 */
import { BrowserNotFoundError, describeBrowser, findBrowser } from './find-browser';

export default async function setup(): Promise<void> {
  try {
    const found = await findBrowser();
    console.log(`e2e browser: ${describeBrowser(found)}`);
  } catch (e) {
    if (!(e instanceof BrowserNotFoundError)) throw e;
    // Thrown, vitest would wrap it in "No test files found" and an error box; one line says it all.
    console.error(e.message);
    process.exit(1);
  }
}
