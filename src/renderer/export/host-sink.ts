/** An export sink over the host API: the host writes a temporary file and renames it on finish. */
import type { ExportSink } from '../../engine';
import type { HostApi } from '../../shared/host-api';

/** Chunks smaller than this are gathered first, so a slow channel (HTTP, IPC) sees few calls. */
const GATHER_BYTES = 1 << 20;

export async function hostSink(host: HostApi, path: string): Promise<ExportSink> {
  const handle = await host.exportBegin(path);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let closed = false;
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const chunk = pending.length === 1 ? pending[0]! : concat(pending, pendingBytes);
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

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
