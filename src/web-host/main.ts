/** `npm run web`: serves the built renderer and the host API on 127.0.0.1 and prints the URL. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetFiles } from '../host/services/datasets';
import { startWebHost } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function portFromArgs(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const raw = i === -1 ? process.env.PORT : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  if (raw === undefined || raw === '') return 5199;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port ${JSON.stringify(raw)}: give a number from 0 to 65535 (--port or PORT).`);
    process.exit(2);
  }
  return port;
}

const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
try {
  const host = await startWebHost({
    rendererDir: path.join(root, 'out', 'renderer'),
    datasets: new DatasetFiles(process.env.WORKBENCH_DATA_DIR ?? path.join(root, 'data')),
    port: portFromArgs(process.argv.slice(2)),
    appVersion: version,
  });
  console.log(`Research Workbench is running at ${host.url}`);
  console.log("Open that URL in your browser (it carries this session's access token). Press Ctrl+C to stop.");
  const stop = (): void => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  console.error(
    err.code === 'EADDRINUSE' ? `Port already in use: ${err.message}. Choose another with --port or PORT.` : `Could not start the web host: ${err.message}`,
  );
  process.exit(3);
}
