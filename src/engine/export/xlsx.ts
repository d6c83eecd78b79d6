/**
 * A streaming XLSX (Office Open XML) writer: rows become worksheet XML as they arrive and are
 * deflated straight into a ZIP stream (fflate), so memory stays bounded by one batch whatever the
 * result's size. Written by hand rather than with exceljs because exceljs streams only in Node
 * (its WorkbookWriter needs Node streams and fs); this one runs unchanged in the renderer and in the
 * CLI. Cells are typed: numbers as numbers, booleans as booleans, DATE/TIMESTAMP/TIME as Excel
 * date serials with a date format; text as inline strings (no shared-string table to hold).
 */
import { Zip, ZipDeflate } from 'fflate';
import { cellText } from '../values';
import type { ColumnInfo, Plain } from '../../shared/types';
import { cellKind, type CellKind } from './duck-type';
import { EXCEL_MAX_ROWS, ExportError } from './types';

/** Excel keeps 15 significant digits; exact numbers longer than that are written as text. */
const EXCEL_DIGITS = 15;
const EXCEL_MAX_CELL_TEXT = 32_767;
const MS_PER_DAY = 86_400_000;
/** Excel's serial of 1970-01-01 (1900 date system). */
const EPOCH_SERIAL = 25_569;
/** Excel's 1900 date system is only right from 1900-03-01 (it counts a 1900-02-29 that never was). */
const FIRST_SERIAL_DAY = Date.UTC(1900, 2, 1);

const enum Style {
  Default = 0,
  Date = 1,
  DateTime = 2,
  DateTimeMs = 3,
  Time = 4,
  TimeMs = 5,
  Header = 6,
}

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="5"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/>' +
  '<numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm:ss.000"/><numFmt numFmtId="167" formatCode="hh:mm:ss"/><numFmt numFmtId="168" formatCode="hh:mm:ss.000"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** Why a sheet name is not allowed, or null when it is. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === '') return 'A sheet name cannot be empty.';
  if ([...name].length > 31) return 'A sheet name can have at most 31 characters.';
  if (/[[\]:*?/\\]/.test(name)) return 'A sheet name cannot contain [ ] : * ? / or \\.';
  if (name.startsWith("'") || name.endsWith("'")) return 'A sheet name cannot start or end with an apostrophe.';
  if (name.toLowerCase() === 'history') return '"History" is reserved by Excel.';
  return null;
}

/** The sheets a result of `rowCount` rows needs (Excel: 1,048,576 rows per sheet, header included). */
export function xlsxSheetCount(rowCount: number, header = true): number {
  return Math.max(1, Math.ceil(rowCount / (EXCEL_MAX_ROWS - (header ? 1 : 0))));
}

function sheetNames(base: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return base;
    const suffix = ` (${i + 1})`;
    return [...base].slice(0, 31 - suffix.length).join('') + suffix;
  });
}

function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// eslint-disable-next-line no-control-regex -- these are the control characters XML 1.0 cannot hold: the pattern finds them to escape them
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** XML text; characters XML cannot hold are written as Excel's `_xHHHH_` escapes. */
function xmlText(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(INVALID_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function significantDigits(text: string): number {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.replace(/0+$/, '').length;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME_RE = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

function daySerial(y: number, m: number, d: number): number | null {
  const ms = Date.UTC(y, m - 1, d);
  if (y > 9999 || ms < FIRST_SERIAL_DAY) return null;
  return ms / MS_PER_DAY + EPOCH_SERIAL;
}

export interface XlsxOptions {
  sheetName?: string;
  header?: boolean;
  /** Rows the result has, to name the sheets and say when it needs more than one. */
  rowCount: number;
  /** Rows per sheet, the header included (Excel's limit unless a test needs a smaller one). */
  maxRowsPerSheet?: number;
}

/**
 * Writes an XLSX file through `emit` (called synchronously with each compressed chunk). Call
 * `rows` for each batch, then `finish`. `notes` tells what the user should know about the file.
 */
export class XlsxWriter {
  readonly notes: string[] = [];
  private readonly zip: Zip;
  private readonly kinds: CellKind[];
  private readonly texts: ((v: Plain) => string | null)[];
  private readonly letters: string[];
  private readonly names: string[];
  private readonly header: boolean;
  private readonly perSheet: number;
  private sheet: ZipDeflate | null = null;
  private sheetIndex = -1;
  private rowInSheet = 0;
  private failed: Error | null = null;
  private textNumbers = 0;
  private textDates = 0;
  private truncated = 0;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly columns: readonly ColumnInfo[],
    options: XlsxOptions,
    emit: (chunk: Uint8Array) => void,
  ) {
    const base = options.sheetName ?? 'Result';
    const problem = sheetNameProblem(base);
    if (problem) throw new ExportError(problem);
    this.header = options.header ?? true;
    const limit = options.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
    this.perSheet = limit - (this.header ? 1 : 0);
    const count = Math.max(1, Math.ceil(options.rowCount / this.perSheet));
    this.names = sheetNames(base, count);
    if (count > 1) {
      this.notes.push(
        `The result has ${options.rowCount.toLocaleString('en-US')} rows, more than an Excel sheet holds (${limit.toLocaleString('en-US')} rows); ` +
          `it was split into ${count} sheets: ${this.names.map((n) => `"${n}"`).join(', ')}.`,
      );
    }
    this.kinds = columns.map((c) => cellKind(c.type));
    this.texts = columns.map((c) => cellText(c.type));
    this.letters = columns.map((_, i) => columnLetters(i));
    this.zip = new Zip((err, chunk) => {
      if (err) this.failed = err;
      else if (chunk.length > 0) emit(chunk);
    });
  }

  private add(name: string, text: string): void {
    const f = new ZipDeflate(name, { level: 6 });
    this.zip.add(f);
    f.push(this.encoder.encode(text), true);
  }

  private check(): void {
    if (this.failed) throw this.failed;
  }

  private openSheet(): void {
    this.closeSheet();
    this.sheetIndex++;
    this.rowInSheet = 0;
    this.sheet = new ZipDeflate(`xl/worksheets/sheet${this.sheetIndex + 1}.xml`, { level: 6 });
    this.zip.add(this.sheet);
    let head =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
    if (this.header)
      head += '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
    head += '<sheetData>';
    if (this.header) {
      this.rowInSheet = 1;
      head += `<row r="1">${this.columns.map((c, i) => `<c r="${this.letters[i]}1" t="inlineStr" s="${Style.Header}"><is><t xml:space="preserve">${xmlText(c.name)}</t></is></c>`).join('')}</row>`;
    }
    this.sheet.push(this.encoder.encode(head));
  }

  private closeSheet(): void {
    if (!this.sheet) return;
    this.sheet.push(this.encoder.encode('</sheetData></worksheet>'), true);
    this.sheet = null;
  }

  rows(rows: readonly Plain[][]): void {
    this.check();
    let xml = '';
    for (const row of rows) {
      if (!this.sheet || this.rowInSheet - (this.header ? 1 : 0) >= this.perSheet) {
        if (xml) this.sheet!.push(this.encoder.encode(xml));
        xml = '';
        this.openSheet();
      }
      const r = ++this.rowInSheet;
      xml += `<row r="${r}">`;
      for (let c = 0; c < row.length; c++) {
        const v = row[c]!;
        if (v === null) continue;
        xml += this.cell(v, c, `${this.letters[c]}${r}`);
      }
      xml += '</row>';
    }
    if (xml) this.sheet!.push(this.encoder.encode(xml));
    this.check();
  }

  private text(v: Plain, c: number, ref: string): string {
    let s = this.texts[c]!(v) ?? '';
    if (s.length > EXCEL_MAX_CELL_TEXT) {
      s = s.slice(0, EXCEL_MAX_CELL_TEXT);
      this.truncated++;
    }
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(s)}</t></is></c>`;
  }

  private number(text: string, ref: string, style = Style.Default): string {
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${text}</v></c>`;
  }

  private cell(v: Plain, c: number, ref: string): string {
    switch (this.kinds[c]) {
      case 'integer':
      case 'decimal': {
        const s = typeof v === 'bigint' || typeof v === 'number' ? String(v) : typeof v === 'string' ? v : null;
        if (s !== null && /^-?\d+(\.\d+)?$/.test(s)) {
          if (significantDigits(s) <= EXCEL_DIGITS) return this.number(s, ref);
          this.textNumbers++;
        }
        return this.text(v, c, ref);
      }
      case 'float':
        return typeof v === 'number' && Number.isFinite(v) ? this.number(String(v), ref) : this.text(v, c, ref);
      case 'boolean':
        return typeof v === 'boolean' ? `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>` : this.text(v, c, ref);
      case 'date': {
        const m = typeof v === 'string' ? DATE_RE.exec(v) : null;
        const serial = m ? daySerial(Number(m[1]), Number(m[2]), Number(m[3])) : null;
        if (serial !== null) return this.number(String(serial), ref, Style.Date);
        this.textDates++;
        return this.text(v, c, ref);
      }
      case 'timestamp': {
        const m = typeof v === 'string' ? TIMESTAMP_RE.exec(v) : null;
        const day = m && (m[8] === undefined || m[8] === 'Z') ? daySerial(Number(m[1]), Number(m[2]), Number(m[3])) : null;
        if (m && day !== null) {
          const frac = m[7] ?? '';
          const seconds = Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]) + (frac ? Number(`0.${frac}`) : 0);
          return this.number(String(day + seconds / 86_400), ref, /[1-9]/.test(frac) ? Style.DateTimeMs : Style.DateTime);
        }
        this.textDates++;
        return this.text(v, c, ref);
      }
      case 'time': {
        const m = typeof v === 'string' ? TIME_RE.exec(v) : null;
        if (m) {
          const frac = m[4] ?? '';
          const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + (frac ? Number(`0.${frac}`) : 0);
          return this.number(String(seconds / 86_400), ref, /[1-9]/.test(frac) ? Style.TimeMs : Style.Time);
        }
        return this.text(v, c, ref);
      }
      default:
        return this.text(v, c, ref);
    }
  }

  finish(): void {
    this.check();
    if (!this.sheet && this.sheetIndex < 0) this.openSheet();
    this.closeSheet();
    // A result with an exact split may leave named sheets unused; never list a sheet not written.
    const names = this.names.slice(0, this.sheetIndex + 1);
    const n = names.length;
    this.add(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        names
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    );
    this.add(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    );
    this.add(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets>${names.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    );
    this.add(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        names
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    );
    this.add('xl/styles.xml', STYLES_XML);
    this.zip.end();
    this.check();
    const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
    if (this.textNumbers > 0) {
      this.notes.push(
        `${count(this.textNumbers, 'number with more than 15 significant digits was', 'numbers with more than 15 significant digits were')} written as text, so Excel keeps every digit.`,
      );
    }
    if (this.textDates > 0) {
      this.notes.push(
        `${count(this.textDates, 'date or timestamp', 'dates or timestamps')} outside Excel's range (1900-03-01 to 9999-12-31) or with a time zone offset ${this.textDates === 1 ? 'was' : 'were'} written as text.`,
      );
    }
    if (this.truncated > 0)
      this.notes.push(`${count(this.truncated, 'text', 'texts')} longer than Excel's 32,767 characters per cell ${this.truncated === 1 ? 'was' : 'were'} cut.`);
  }
}
