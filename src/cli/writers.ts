/**
 * The CLI's text encoders are the app's export writers (src/engine/export/text.ts): one
 * implementation per format. Kept here for the CLI's callers and tests.
 */
import { csvEncoder, jsonArrayEncoder, ndjsonEncoder, tsvEncoder, type RowEncoder } from '../engine/export/text';
import type { ColumnInfo } from '../shared/types';

export { csvField, tsvField, typedJson, type RowEncoder } from '../engine/export/text';

export function encoderFor(format: 'csv' | 'tsv' | 'json' | 'ndjson', columns: readonly ColumnInfo[]): RowEncoder {
  switch (format) {
    case 'csv':
      return csvEncoder(columns);
    case 'tsv':
      return tsvEncoder(columns);
    case 'json':
      return jsonArrayEncoder(columns);
    case 'ndjson':
      return ndjsonEncoder(columns);
  }
}
