/**
 * Picks the host once, at start-up, before any note is on the page: Electron's preload bridge when
 * present, else the web host named by the URL's token. Nothing else reads `window.workbench`: a
 * note's `<div id="workbench">` could stand in for it later (DOM clobbering).
 */
import type { HostApi } from '../../shared/host-api';
import { createHttpHost, type HttpHost } from './http-host';

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

/** The preload's bridge is a plain object of functions; a clobbering element is not. */
function captureBridge(): HostApi | null {
  const bridge: unknown = window.workbench;
  if (typeof bridge !== 'object' || bridge === null || bridge instanceof Node) return null;
  return typeof (bridge as Partial<HostApi>).info === 'function' ? (bridge as HostApi) : null;
}

const bridge = captureBridge();
/** The web host's client, or null in Electron. */
export const httpHost: HttpHost | null = bridge ? null : createHttpHost(tokenFromLocation());
export const host: HostApi = bridge ?? httpHost!;
/** Electron (native menu and dialogs, close requests) rather than a browser tab. */
export const isElectron = bridge !== null;

/** The access token in a pasted URL (`…#token=…`) or the token itself. */
export function tokenFromInput(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  const hash = text.indexOf('#');
  const token = hash >= 0 ? new URLSearchParams(text.slice(hash + 1)).get('token') : /^[A-Za-z0-9_-]+$/.test(text) ? text : null;
  return token && /^[A-Za-z0-9_-]{8,256}$/.test(token) ? token : null;
}

/**
 * Points the web host client at a restarted web host: checks the new token with a call, then
 * keeps it for reloads of this tab. Throws with a message for the user when it does not work.
 */
export async function reconnect(input: string): Promise<void> {
  if (!httpHost) throw new Error('The desktop app has no web host to reconnect to.');
  const text = input.trim();
  const hash = text.indexOf('#');
  if (hash > 0) {
    let origin: string | null = null;
    try {
      origin = new URL(text.slice(0, hash)).origin;
    } catch {
      /* not a URL: read as a token below */
    }
    if (origin !== null && origin !== window.location.origin) {
      throw new Error(
        `The workbench now runs at ${origin}, but this page belongs to ${window.location.origin}. Restart it on this page's port (npm run web -- --port ${window.location.port || '80'}) and paste the new address again.`,
      );
    }
  }
  const token = tokenFromInput(text);
  if (!token) throw new Error('Paste the address the workbench printed (http://127.0.0.1:…/#token=…) or its token.');
  await httpHost.checkToken(token);
  httpHost.setToken(token);
  sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, '', `#token=${token}`);
}
