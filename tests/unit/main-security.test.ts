import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  isAllowedRequest,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedUrl,
  navigationDecision,
  originOf,
  trustedOriginsFor,
} from '../../src/main/security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('is exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows WebAssembly compilation but no script eval, inline script or remote origin', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it('is a single header value (no newlines, no duplicate directives)', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/[\r\n]/);
    const names = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('app scheme', () => {
  it('is a standard, secure, fetchable scheme that does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_ENTRY_URL).toBe('app://workbench/index.html');
  });
});

describe('originOf / isTrustedUrl', () => {
  it('gives scheme://host for custom and http schemes', () => {
    expect(originOf('app://workbench/index.html')).toBe('app://workbench');
    expect(originOf('APP://WorkBench/x')).toBe('app://workbench');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
  });

  it('gives null for URLs without a host', () => {
    for (const url of ['file:///etc/passwd', 'data:text/html,hi', 'about:blank', 'javascript:alert(1)', 'not a url', '']) {
      expect(originOf(url)).toBeNull();
    }
  });

  it('trusts only the app origin', () => {
    const trusted = [APP_ORIGIN];
    expect(isTrustedUrl('app://workbench/', trusted)).toBe(true);
    expect(isTrustedUrl('app://workbench.evil/', trusted)).toBe(false);
    expect(isTrustedUrl('app://other/', trusted)).toBe(false);
    expect(isTrustedUrl('https://workbench/', trusted)).toBe(false);
    expect(isTrustedUrl('file:///work/main/out/renderer/index.html', trusted)).toBe(false);
  });

  it('trusts the dev server in development, and only an http(s) one', () => {
    expect(trustedOriginsFor(undefined)).toEqual(['app://workbench']);
    expect(trustedOriginsFor('http://localhost:5173/')).toEqual(['http://localhost:5173']);
    expect(() => trustedOriginsFor('file:///tmp/index.html')).toThrow(/ELECTRON_RENDERER_URL/);
    expect(isTrustedUrl('http://localhost:5174/', trustedOriginsFor('http://localhost:5173'))).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts only http(s) URLs with a host and no credentials', () => {
    expect(isSafeExternalUrl('https://duckdb.org/docs/')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:',
      'app://workbench/',
      'https://user:pw@example.com/',
      'https://',
      'not a url',
      42,
      null,
      'https://example.com/' + 'a'.repeat(3000),
    ]) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });
});

describe('navigationDecision', () => {
  const trusted = [APP_ORIGIN];
  it('allows the app, opens http(s) in the browser, denies the rest', () => {
    expect(navigationDecision('app://workbench/index.html', trusted)).toBe('allow');
    expect(navigationDecision('https://en.wikipedia.org/wiki/X', trusted)).toBe('open-external');
    expect(navigationDecision('file:///etc/passwd', trusted)).toBe('deny');
    expect(navigationDecision('app://evil/', trusted)).toBe('deny');
    expect(navigationDecision('data:text/html,<script>1</script>', trusted)).toBe('deny');
  });
});

describe('isAllowedRequest', () => {
  it('in production allows the app scheme and local schemes, no network', () => {
    const trusted = trustedOriginsFor(undefined);
    expect(isAllowedRequest('app://workbench/assets/duckdb-eh.wasm', trusted)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', trusted)).toBe(true);
    expect(isAllowedRequest('blob:app://workbench/1234', trusted)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', trusted)).toBe(true);
    expect(isAllowedRequest('app://elsewhere/x.js', trusted)).toBe(false);
    expect(isAllowedRequest('https://cdn.jsdelivr.net/npm/@duckdb/duckdb-wasm/x.wasm', trusted)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/', trusted)).toBe(false);
    expect(isAllowedRequest('wss://example.com/', trusted)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', trusted)).toBe(false);
    expect(isAllowedRequest('ftp://example.com/', trusted)).toBe(false);
    expect(isAllowedRequest('garbage', trusted)).toBe(false);
  });

  it('in development also allows the dev server and its HMR websocket', () => {
    const trusted = trustedOriginsFor('http://localhost:5173');
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', trusted)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', trusted)).toBe(true);
    expect(isAllowedRequest('wss://localhost:5173/', trusted)).toBe(false);
    expect(isAllowedRequest('http://localhost:5174/', trusted)).toBe(false);
    expect(isAllowedRequest('https://extensions.duckdb.org/v1.4.3/wasm_eh/json.duckdb_extension.wasm', trusted)).toBe(false);
  });
});

describe('permissions', () => {
  it('denies everything except clipboard writes from the app itself', () => {
    const trusted = [APP_ORIGIN];
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://workbench/index.html', trusted)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://workbench', trusted)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', trusted)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown']) {
      expect(isPermissionAllowed(p, 'app://workbench/', trusted)).toBe(false);
    }
  });
});
