/**
 * The engine's one error type for SQL that failed or was cancelled: what the cell shows (message,
 * line and column in the cell's text, cancelled or not). Its own module so that the engine's parts
 * (profiles, imports) throw it without importing the Engine class.
 */
import type { QueryErrorInfo } from '../shared/types';

export class QueryError extends Error {
  constructor(readonly info: QueryErrorInfo) {
    super(info.message);
    this.name = 'QueryError';
  }
}
