/**
 * Explicit transactions in a cell. Results are held in the engine's own database (`__wb`), and
 * DuckDB lets one transaction write to one attached database only: a transaction left open after a
 * cell would abort at the first result held (or sort built) in `__wb`, and every later query would
 * then fail until a ROLLBACK. So a cell may use BEGIN … COMMIT (or ROLLBACK) only when it also
 * ends every transaction it starts, and the engine does all of its own writes before the first
 * BEGIN or after the last COMMIT (Engine.runQuery).
 */
import { stripComments } from '../shared/sql';

const BEGIN = /^\s*(?:begin|start\s+transaction)\b/i;
const END = /^\s*(?:commit|end|rollback|abort)\b/i;

/** Whether a statement begins or ends a transaction, or neither. */
export function transactionStep(statement: string): 'begin' | 'end' | null {
  const text = stripComments(statement);
  return BEGIN.test(text) ? 'begin' : END.test(text) ? 'end' : null;
}

/**
 * 'none': the cell starts no transaction; 'closed': it starts some and ends each before its last
 * statement's end; 'open': one is still open after the cell (refused).
 */
export function cellTransactions(statements: readonly { text: string }[]): 'none' | 'closed' | 'open' {
  let open = false;
  let any = false;
  for (const s of statements) {
    const step = transactionStep(s.text);
    if (step === 'begin') open = any = true;
    else if (step === 'end') open = false;
  }
  return open ? 'open' : any ? 'closed' : 'none';
}

export const OPEN_TRANSACTION_MESSAGE =
  'A transaction must end in the cell that starts it: finish the cell with COMMIT (or ROLLBACK). ' +
  'Between cells every statement commits on its own; to try a change safely, change a copy first (CREATE TABLE t2 AS FROM t).';
