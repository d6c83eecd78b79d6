/**
 * Preload for a `workbench` command under test (`NODE_OPTIONS=--import <this file>`, with
 * WORKBENCH_MODULE_TRACE naming a file): the command's process (not the watcher) appends to that
 * file the path of every module it loads, ES modules as they load (a loader hook) and CommonJS ones
 * when it exits (require's cache). Tells which files a command reads to start.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.WORKBENCH_MODULE_TRACE;
if (file && process.env.WORKBENCH_CHILD === '1') {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      if (url.startsWith('file:')) appendFileSync(${JSON.stringify(file)}, new URL(url).pathname + '\\n');
      return next(url, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(file, Object.keys(cache).join('\n') + '\n'));
}
