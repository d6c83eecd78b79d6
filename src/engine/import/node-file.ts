/** FileReader over Node's file system (CLI, tests, benchmark). Not for the renderer bundle. */
import { open } from 'node:fs/promises';
import type { FileReader } from './source';

export const nodeFileReader: FileReader = async (path, offset, length) => {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
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
