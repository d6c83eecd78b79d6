/** FileReader over Node's file system (CLI, tests, benchmark). Not for the renderer bundle. */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { FileReader } from './source';

export const nodeFileReader: FileReader = async (path, offset, length) => {
  // A FIFO or device is refused before open(), which would wait for a writer (O_NONBLOCK for a swap meanwhile).
  const before = await stat(path);
  if (before.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
  if (!before.isFile()) throw new Error('not a regular file (a pipe, socket or device)');
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file (a pipe, socket or device)');
    const { size } = info;
    const want = Math.max(0, Math.min(length, size - offset));
    const bytes = new Uint8Array(want);
    let done = 0;
    while (done < want) {
      const { bytesRead } = await handle.read(bytes, done, want - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return { bytes: done === want ? bytes : bytes.subarray(0, done), size };
  } finally {
    await handle.close();
  }
};
