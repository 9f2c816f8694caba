import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, type PDFRef } from 'pdf-lib';

/**
 * The text a PDF shows, read the way a text extractor does: each page's
 * content stream's hex strings (glyph ids of the embedded font) mapped back
 * to characters through the font's ToUnicode CMap. One line per Tj.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const cmap = new Map<number, string>();
    for (const ref of fonts.values()) {
      const font = doc.context.lookup(ref, PDFDict);
      const descendant = font.lookup(PDFName.of('ToUnicode'));
      if (descendant instanceof PDFRawStream) for (const [k, v] of parseCmap(decode(descendant))) cmap.set(k, v);
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r as PDFRef)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      for (const m of decode(stream).matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
        let s = '';
        for (let i = 0; i < m[1]!.length; i += 4) s += cmap.get(parseInt(m[1]!.slice(i, i + 4), 16)) ?? '\uFFFD';
        lines.push(s);
      }
    }
  }
  return { pages: doc.getPageCount(), text: lines.join('\n') };
}

function decode(stream: PDFRawStream): string {
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseCmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16), hi = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        [...m[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].forEach((d, i) => map.set(lo + i, utf16(d[1]!)));
      } else {
        const start = utf16(m[3]!.slice(1, -1));
        for (let g = lo; g <= hi; g++) map.set(g, start.slice(0, -1) + String.fromCharCode(start.charCodeAt(start.length - 1) + (g - lo)));
      }
    }
  }
  return map;
}
