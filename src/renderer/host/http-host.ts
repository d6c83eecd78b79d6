/** The host API over HTTP, for the web host: same interface as Electron's preload. */
import type { HostApi, HostInfo } from '../../shared/host-api';
import type { DatasetManifest } from '../../shared/types';

export class HostError extends Error {}

export function createHttpHost(token: string, base = ''): HostApi {
  async function call(method: string, args: unknown[]): Promise<Response> {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-workbench-token': token },
      body: JSON.stringify(args),
    });
    if (!res.ok) {
      const text = await res.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        /* plain text error */
      }
      throw new HostError(res.status === 401 ? 'This page has no valid access token: open the URL the workbench printed.' : message);
    }
    return res;
  }
  const json = async <T,>(method: string, ...args: unknown[]): Promise<T> => (await (await call(method, args)).json()) as T;
  return {
    info: () => json<HostInfo>('info'),
    getManifest: () => json<DatasetManifest>('getManifest'),
    readDataFile: async (file) => new Uint8Array(await (await call('readDataFile', [file])).arrayBuffer()),
    onMenuCommand: () => () => undefined,
  };
}
