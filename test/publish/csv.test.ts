import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, parseCsv, unguardCell, writeCsv } from '../../src/shared/publish/csv.js';

const fieldsOf = (text: string) => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(`not parsed: ${r.problem} at ${r.line}`);
  return r.records;
};

describe('CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and says where each record starts', () => {
    const text = 'account,text\r\nig:1,"Hello, ""world""\r\nsecond line"\r\nfb:2,plain\r\n';
    expect(fieldsOf(text)).toEqual([
      { line: 1, fields: ['account', 'text'] },
      { line: 2, fields: ['ig:1', 'Hello, "world"\nsecond line'] },
      { line: 4, fields: ['fb:2', 'plain'] },
    ]);
  });

  it('reads an Excel "CSV UTF-8" file: BOM, CRLF, trailing empty lines and rows of only separators', () => {
    const text = '\uFEFFaccount,time,text\r\nline:1,2026-12-05 09:00,早安 台北\r\n,,\r\n\r\n\r\n';
    const records = fieldsOf(text);
    expect(records).toEqual([
      { line: 1, fields: ['account', 'time', 'text'] },
      { line: 2, fields: ['line:1', '2026-12-05 09:00', '早安 台北'] },
    ]);
  });

  it('reads LF and lone CR line ends, and a last line without a line end', () => {
    expect(fieldsOf('a,b\nc,d\re,f').map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,c,\n').map((r) => r.fields)).toEqual([['a', '', 'c', '']]);
  });

  it('reads a semicolon-separated file (Excel in comma-decimal locales)', () => {
    const r = parseCsv('account;text\nig:1;"a; b, c"\n');
    expect(r).toMatchObject({ ok: true, delimiter: ';', records: [{ fields: ['account', 'text'] }, { fields: ['ig:1', 'a; b, c'] }] });
  });

  it('refuses a quote that never closes, naming the line it opened on', () => {
    expect(parseCsv('a,b\nc,"never closed\nmore\n')).toEqual({ ok: false, problem: 'unterminated-quote', line: 2 });
  });
});

describe('CSV writer', () => {
  it('quotes only what needs it, doubles quotes, ends lines with CRLF and can start with a BOM', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'two\nlines', ' padded']], { bom: true })).toBe(
      '\uFEFFa,"b,c","say ""hi""","two\nlines"," padded"\r\n',
    );
  });

  it('guards cells a spreadsheet would run as a formula, and the guard comes off on import', () => {
    expect(guardCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(guardCell('-10% today')).toBe(`'-10% today`);
    expect(guardCell("it's fine")).toBe("it's fine");
    expect(unguardCell(guardCell('@brand hello'))).toBe('@brand hello');
    expect(unguardCell("'quoted on purpose")).toBe("'quoted on purpose");
  });

  it('reads back whatever it writes (any text, any number of rows)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '台', ',', '"', '\n', '\r\n', ' ', ';', "'", '=') , maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (rows) => {
        // Reading normalizes CRLF inside quotes to LF, and skips rows with nothing in them.
        const expected = rows.map((r) => r.map((f) => f.replace(/\r\n/g, '\n'))).filter((r) => r.some((f) => f !== ''));
        const header = ['x', 'y', 'z'];
        const back = fieldsOf(writeCsv([header, ...rows], { bom: true })).map((r) => r.fields);
        expect(back).toEqual([header, ...expected]);
      }),
      { numRuns: 300 },
    );
  });
});
