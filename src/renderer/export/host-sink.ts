/** An export sink over the host API: the host writes a temporary file and renames it on finish. */
import type { ExportSink } from '../../engine';
import type { HostApi } from '../../shared/host-api';
import { concatBytes } from '../../shared/bytes';

/** Chunks smaller than this are gathered first, so a slow channel (HTTP, IPC) sees few calls. */
const GATHER_BYTES = 1 << 20;

export async function hostSink(host: HostApi, path: string): Promise<ExportSink> {
  const handle = await host.exportBegin(path);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let closed = false;
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const chunk = concatBytes(pending);
    pending = [];
    pendingBytes = 0;
    await host.exportWrite(handle, chunk);
  };
  return {
    async write(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= GATHER_BYTES) await flush();
    },
    async finish() {
      await flush();
      closed = true;
      await host.exportFinish(handle);
    },
    async abort() {
      pending = [];
      pendingBytes = 0;
      if (closed) return;
      closed = true;
      await host.exportAbort(handle);
    },
  };
}
