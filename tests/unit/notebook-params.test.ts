/** Notebook parameters: reading the front matter's `params`, typing defaults, parsing overrides, the SQL literals. */
import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../src/shared/notebook';
import { notebookParams, paramLiteral, paramsDeclaration, parseParamValue, readParams, setVariableStatements } from '../../src/shared/notebook/params';

describe('readParams', () => {
  it('types each default: integer, double, text, date, boolean and lists of these', () => {
    const { params, warnings } = readParams({
      from_year: 2002,
      share: 0.5,
      region: 'Seoul',
      since: '2012-01-01',
      women_only: false,
      years: [2012, 2013],
      regions: ['Seoul', 'Busan'],
      cutoffs: [1, 2.5],
      none: [],
    });
    expect(warnings).toEqual([]);
    expect(params.map((p) => [p.name, p.type])).toEqual([
      ['from_year', 'integer'],
      ['share', 'double'],
      ['region', 'text'],
      ['since', 'date'],
      ['women_only', 'boolean'],
      ['years', 'integer[]'],
      ['regions', 'text[]'],
      ['cutoffs', 'double[]'],
      ['none', 'text[]'],
    ]);
  });

  it('takes an explicit { type, default } and warns about bad declarations without dropping the good ones', () => {
    const { params, warnings } = readParams({
      code: { type: 'text', default: '2012-01-01' },
      ok: 1,
      'bad name': 1,
      nested: { a: 1 },
      mixed: [1, 'a'],
      wrong: { type: 'date', default: '2012-02-30' },
      OK: 2,
    });
    expect(params.map((p) => [p.name, p.type, p.value])).toEqual([
      ['code', 'text', '2012-01-01'],
      ['ok', 'integer', 1],
    ]);
    expect(warnings).toEqual([
      'Parameter bad name is not a valid name (letters, digits and _, starting with a letter or _); it is ignored.',
      'Parameter nested has an unknown type undefined (use integer, double, text, date, boolean, or one of these followed by []); it is ignored.',
      'Parameter mixed has a default that is not a number, text, date, true/false or a list of one of these; it is ignored.',
      'Parameter wrong has a default that is not a date (YYYY-MM-DD); it is ignored.',
      'Parameter OK is declared twice (names compare without case); it is ignored.',
    ]);
    expect(readParams([1, 2]).warnings).toEqual(['The front matter `params` is not a mapping of names to defaults; it is ignored.']);
  });

  it('comes from the front matter of a notebook, whose warnings name the bad parameter', () => {
    const nb = parseNotebook('---\ntitle: t\nparams: { from_year: 2002, to_year: 2011, region: "Seoul", bad: [1, x] }\n---\n\n```sql\nSELECT 1\n```\n');
    expect(notebookParams(nb.frontMatter).map((p) => `${p.name}=${String(p.value)}`)).toEqual(['from_year=2002', 'to_year=2011', 'region=Seoul']);
    expect(nb.warnings).toEqual(['Parameter bad has a default that is not a number, text, date, true/false or a list of one of these; it is ignored.']);
  });
});

describe('parseParamValue (overrides typed as text)', () => {
  const p = (type: string) => ({ name: 'x', type }) as Parameters<typeof parseParamValue>[0];
  it('reads each type', () => {
    expect(parseParamValue(p('integer'), ' 2012 ')).toEqual({ ok: true, value: 2012 });
    expect(parseParamValue(p('double'), '1.5e3')).toEqual({ ok: true, value: 1500 });
    expect(parseParamValue(p('boolean'), 'yes')).toEqual({ ok: true, value: true });
    expect(parseParamValue(p('date'), '2020-02-29')).toEqual({ ok: true, value: '2020-02-29' });
    expect(parseParamValue(p('text'), ' two words ')).toEqual({ ok: true, value: ' two words ' });
    expect(parseParamValue(p('integer[]'), '2012, 2013')).toEqual({ ok: true, value: [2012, 2013] });
    expect(parseParamValue(p('text[]'), 'Seoul,Busan')).toEqual({ ok: true, value: ['Seoul', 'Busan'] });
    expect(parseParamValue(p('text[]'), '')).toEqual({ ok: true, value: [] });
  });
  it('refuses a value that is not of the type, naming the parameter', () => {
    expect(parseParamValue(p('integer'), '2012.5')).toEqual({ ok: false, message: 'Parameter x (integer): "2012.5" is not a whole number.' });
    expect(parseParamValue(p('integer'), '1; DROP TABLE arrivals')).toMatchObject({ ok: false });
    expect(parseParamValue(p('double'), 'NaN')).toMatchObject({ ok: false });
    expect(parseParamValue(p('date'), '2021-02-29')).toEqual({ ok: false, message: 'Parameter x (date): "2021-02-29" is not a date (YYYY-MM-DD).' });
    expect(parseParamValue(p('boolean'), 'maybe')).toMatchObject({ ok: false });
    expect(parseParamValue(p('integer[]'), '1,x')).toEqual({ ok: false, message: 'Parameter x (integer[]): "1,x" item 2 is not a whole number.' });
    expect(parseParamValue(p('text'), 'a\0b')).toMatchObject({ ok: false });
  });
});

describe('SQL literals', () => {
  it('are typed casts of quoted text, so a value is never SQL', () => {
    expect(paramLiteral('integer', 2002)).toBe("CAST('2002' AS BIGINT)");
    expect(paramLiteral('text', "'; DROP TABLE arrivals; --")).toBe("CAST('''; DROP TABLE arrivals; --' AS VARCHAR)");
    expect(paramLiteral('date[]', ['2012-01-01'])).toBe("CAST([CAST('2012-01-01' AS DATE)] AS DATE[])");
    expect(paramLiteral('boolean', true)).toBe('TRUE');
    expect(() => paramLiteral('integer', '1 OR 1=1' as never)).toThrow('is not a whole number');
    expect(setVariableStatements([{ name: 'from_year', type: 'integer', value: 2002, explicit: false }], new Map([['from_year', 2012]]))).toEqual([
      `SET VARIABLE "from_year" = CAST('2012' AS BIGINT)`,
    ]);
  });
});

describe('saving new defaults', () => {
  it('edits only the params key of the front matter, keeping explicit declarations explicit', () => {
    const text = '---\ntitle: t # the title\nparams:\n  from_year: 2002\n  code: { type: text, default: "a" }\n---\n\nnote\n';
    const nb = parseNotebook(text);
    const params = notebookParams(nb.frontMatter);
    const declared = paramsDeclaration(params, new Map([['from_year', 2012]]));
    const saved = serializeNotebook({ ...nb, frontMatter: { ...nb.frontMatter, extra: { ...nb.frontMatter.extra, params: declared } } });
    expect(saved).toContain('title: t # the title\n');
    expect(notebookParams(parseNotebook(saved).frontMatter).map((p) => [p.name, p.type, p.value, p.explicit])).toEqual([
      ['from_year', 'integer', 2012, false],
      ['code', 'text', 'a', true],
    ]);
  });
});
