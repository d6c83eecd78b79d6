/** Byte buffers joined end to end. */

/** `chunks` as one buffer; a single non-empty chunk is returned as it is, not copied. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const parts = chunks.filter((c) => c.length > 0);
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
