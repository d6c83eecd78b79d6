import { openNodeEngine } from '../src/engine/node';
const e = await openNodeEngine();
await e.runQuery('CREATE TABLE t AS SELECT 1 AS a');
const held = await e.runQuery('SELECT 42');
for (const q of ['BEGIN; UPDATE t SET a = 2; INSERT INTO t VALUES (3); COMMIT', 'SELECT * FROM t', 'BEGIN; UPDATE t SET a = 5; ROLLBACK', 'SELECT sum(a) FROM t', 'BEGIN; UPDATE t SET a = 7; SELECT * FROM t; COMMIT', 'BEGIN; UPDATE t SET a = 8', 'COMMIT']) {
  try { const r = await e.runQuery(q); console.log('ok', q, r.rowCount); } catch (err) { console.log('ERR', q, (err as Error).message.slice(0, 150)); }
}
const page = await e.readPage({ resultId: held.id, offset: 0, limit: 5 }).catch((x) => String(x));
console.log(JSON.stringify(page).slice(0, 200));
await e.close();
