/**
 * RFC 4180 CSV, as spreadsheets really write it: quoted fields with embedded
 * commas, doubled quotes and line breaks; CRLF, LF or CR line ends; a UTF-8
 * byte order mark (Excel's "CSV UTF-8"); empty lines (Excel's trailing ones)
 * skipped. A semicolon-separated file (Excel in locales whose decimal mark is
 * a comma) is read when its header has semicolons and no comma.
 *
 * Written by hand rather than with a CSV package: it runs in src/shared
 * (the renderer previews a file before sending it), which may import nothing
 * but zod, and the whole format is the 100 lines below.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted line break makes a record span lines). */
  line: number;
  fields: string[];
}

export type CsvParse =
  | { ok: true; records: CsvRecord[]; delimiter: ',' | ';' }
  | { ok: false; problem: 'unterminated-quote'; line: number };

const BOM = '\uFEFF';

function detectDelimiter(text: string): ',' | ';' {
  const end = text.search(/[\r\n]/);
  const header = end === -1 ? text : text.slice(0, end);
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

export function parseCsv(input: string): CsvParse {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let i = 0;

  const endRecord = (): void => {
    fields.push(field);
    // An empty line, or one of only separators (",,,"), carries nothing.
    if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        // A line break inside quotes is part of the field; CRLF is kept as LF.
        field += '\n';
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    // A quote inside an unquoted field (or after a closing quote) is kept as written, as spreadsheets do.
    field += c;
    i++;
  }
  if (quoted) return { ok: false, problem: 'unterminated-quote', line: quoteLine };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records, delimiter };
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || field !== field.trim() ? `"${field.replace(/"/g, '""')}"` : field;
}

// A cell starting with one of these is a formula to a spreadsheet (CSV injection): a post's text must stay text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A leading apostrophe makes a spreadsheet show the cell as text; `unguardCell` takes it off on import. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * Rows as CSV with CRLF line ends; fields are quoted only when they need it.
 * With `bom`, the file starts with a UTF-8 byte order mark, without which
 * Excel reads Chinese text as mojibake.
 */
export function writeCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((r) => r.map(quote).join(',')).join('\r\n');
  return `${options.bom ? BOM : ''}${body}\r\n`;
}
