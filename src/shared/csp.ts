/**
 * The renderer's Content Security Policy, sent by the Electron protocol handler and the web host.
 * 'wasm-unsafe-eval' lets DuckDB's WebAssembly compile; inline styles are needed by ag-grid and
 * CodeMirror, which inject their themes at run time. No remote origin is allowed anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
