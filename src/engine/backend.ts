/**
 * The few DuckDB calls the engine needs, on one connection. Node (CLI, tests) implements it over
 * duckdb-wasm's blocking bindings, the renderer over AsyncDuckDB in a worker; nothing else differs.
 */
export interface DuckBackend {
  /** Starts a query; returns the Arrow IPC schema message once it finished, else null (then poll). */
  start(sql: string): Promise<Uint8Array | null>;
  /** Runs the pending query a little further; the schema message once done. Throws on error. */
  poll(): Promise<Uint8Array | null>;
  /** Next Arrow IPC record batch message of the finished query; empty at the end. */
  fetch(): Promise<Uint8Array | null>;
  /** Cancels the pending query; the next poll throws. */
  cancel(): Promise<boolean>;
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /** True when registerFile takes the bytes over (the browser worker transfers and detaches them); Node copies them into wasm. */
  readonly takesBuffers: boolean;
  dropFile(name: string): Promise<void>;
  /**
   * Registers `name` as a file DuckDB can only write, front to back: each write is handed to
   * `write` as it comes (COPY … TO it streams a whole result out). dropFile ends it. Only the
   * Node runtime can (node-runtime.ts); the browser worker has no such file.
   */
  streamFile?(name: string, write: (chunk: Uint8Array) => void): Promise<void>;
  /** The bytes of a registered file (one DuckDB wrote with COPY … TO it). */
  fileBytes(name: string): Promise<Uint8Array>;
  /** Creates table `name` (in the main schema) from an Arrow IPC stream. */
  insertArrow(bytes: Uint8Array, name: string): Promise<void>;
  close(): Promise<void>;
}
