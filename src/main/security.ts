/**
 * Security policy of the desktop app as plain data and pure functions (no Electron import), so the
 * rules can be unit-tested: the app's origin, the Content-Security-Policy, which URLs the window may
 * navigate to, which may open in the system browser, which network requests are allowed.
 */

/** The renderer is served from `app://workbench/` in production (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges of the app scheme (protocol.registerSchemesAsPrivileged): a standard, secure origin
 * (relative URLs, localStorage, secure-context APIs), fetch() and CORS-mode loads (Vite emits
 * `<script type="module" crossorigin>`; the engine fetches its .wasm), V8 code cache. It does NOT
 * bypass CSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

/**
 * Sent with every response of the app protocol (and by the web host): one constant, in src/shared.
 * `'wasm-unsafe-eval'` lets DuckDB compile its WebAssembly; nothing else may be evaluated, and
 * nothing is loaded from anywhere but the app.
 */
export { CONTENT_SECURITY_POLICY } from '../shared/csp';

/**
 * `scheme://host[:port]` of a URL, lowercased, for any hierarchical scheme (WHATWG URL gives the
 * opaque origin "null" for custom schemes such as app:, so URL.origin cannot be used). Null for
 * unparsable URLs and for URLs without a host (file:, data:, about:blank, blob:...).
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** Whether `url` belongs to one of the app's own origins. */
export function isTrustedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.some((o) => o.toLowerCase() === origin);
}

/** The origins the app itself is served from: the dev server's in development, else app://workbench. */
export function trustedOriginsFor(devServerUrl: string | undefined): string[] {
  if (devServerUrl) {
    const origin = originOf(devServerUrl);
    if (origin === null || !/^https?:$/.test(new URL(devServerUrl).protocol)) {
      throw new Error(`ELECTRON_RENDERER_URL is not an http(s) URL: ${JSON.stringify(devServerUrl)}`);
    }
    return [origin];
  }
  return [APP_ORIGIN];
}

/**
 * Whether a URL may be handed to the system browser (shell.openExternal): only http and https, and
 * only well-formed, so no file:, smb:, javascript: or custom-handler URL can launch anything local.
 */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** What to do when the window tries to navigate to `url` (will-navigate, will-redirect). */
export function navigationDecision(url: string, trustedOrigins: readonly string[]): NavigationDecision {
  if (isTrustedUrl(url, trustedOrigins)) return 'allow';
  return isSafeExternalUrl(url) ? 'open-external' : 'deny';
}

const NETWORK_SCHEMES: Readonly<Record<string, string>> = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' };
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:', 'chrome-extension:', 'chrome:', 'about:']);

/**
 * Whether a request of the app's session may proceed: no remote content. Network requests
 * (http/https/ws/wss) only to a trusted origin (in development: the Vite dev server, including its
 * HMR websocket); the app scheme, data:, blob: and DevTools' own schemes are local; everything else
 * (file:, ftp:, unknown schemes) is refused.
 */
export function isAllowedRequest(url: string, trustedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  const httpProtocol = NETWORK_SCHEMES[parsed.protocol];
  if (httpProtocol === undefined) return false;
  const asHttpOrigin = `${httpProtocol}//${parsed.host}`.toLowerCase();
  return trustedOrigins.some((o) => o.toLowerCase() === asHttpOrigin);
}

/**
 * Permissions the renderer may use; every other permission request or check is denied. Writing
 * (sanitized) text to the clipboard from the app's own page is the only one: copying results.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionAllowed(permission: string, requestingUrl: string, trustedOrigins: readonly string[]): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isTrustedUrl(requestingUrl, trustedOrigins);
}
