/** Picks the host: Electron's preload bridge when present, else the web host named by the URL's token. */
import type { HostApi } from '../../shared/host-api';
import { createHttpHost } from './http-host';

declare global {
  interface Window {
    workbench?: HostApi;
  }
}

const TOKEN_KEY = 'workbench-token';

function tokenFromLocation(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export const host: HostApi = window.workbench ?? createHttpHost(tokenFromLocation());
