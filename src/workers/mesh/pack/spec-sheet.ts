import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { checkName, packText, processName, type MeshPackKey } from '../../../shared/mesh/messages/pack-text.js';
import { PROCESS_RULES } from '../../../shared/mesh/process-rules.js';
import type { PrintProcess } from '../../../shared/mesh/processes.js';
import type { MaterialEstimate, MeshCheckReport } from '../../../shared/mesh/report.js';
import type { Language } from '../../../shared/settings.js';
import { specSheetFont } from './fonts.js';
import type { RenderedView } from './views.js';

export interface SpecSheetInput {
  name: string;
  process: PrintProcess;
  quantity: number;
  language: Language;
  report: MeshCheckReport;
  material: MaterialEstimate | null;
  views: RenderedView[];
  files: string[];
  /** The date printed on the sheet (YYYY-MM-DD). */
  date: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const INK = rgb(0.12, 0.12, 0.14);
const MUTED = rgb(0.42, 0.42, 0.46);
const GOOD = rgb(0.1, 0.5, 0.22);
const BAD = rgb(0.72, 0.12, 0.1);

/**
 * The PDF spec sheet (A4): what the part is, its views, size, volume,
 * material and weight, every production check with its value, limit and
 * result, and where the rules come from. Text is drawn in the pack's
 * language with the embedded Noto Sans subset; the document's title and
 * subject carry the model's name and process for search and for tests.
 */
export async function specSheetPdf(input: SpecSheetInput): Promise<Uint8Array> {
  const t = (key: MeshPackKey, params: Record<string, string | number> = {}) => packText(input.language, key, params);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(specSheetFont(input.language), { subset: true });
  doc.setTitle(`${t('mesh.pack.title')}: ${input.name}`);
  doc.setSubject(`${processName(input.language, input.process)} × ${input.quantity}`);
  doc.setLanguage(input.language);
  doc.setProducer('KingJam Studio');
  doc.setCreationDate(new Date(`${input.date}T00:00:00Z`));

  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const line = (text: string, size: number, x = MARGIN, color = INK) => page.drawText(text, { x, y, size, font, color });

  line(`${t('mesh.pack.title')} — ${input.name}`, 18);
  y -= 30;
  const { report, material } = input;
  const size = report.sizeMm.map((s) => s.toFixed(1)).join(' × ');
  const rows: [string, string][] = [
    [t('mesh.pack.model'), input.name],
    [t('mesh.pack.process'), processName(input.language, input.process)],
    [t('mesh.pack.material'), t(`mesh.pack.materialOf.${input.process}`)],
    [t('mesh.pack.quantity'), String(input.quantity)],
    [t('mesh.pack.size'), `${size} mm`],
    [t('mesh.pack.volume'), material ? `${material.volumeCm3.toFixed(2)} cm³` : t('mesh.pack.notMeasured')],
    [t('mesh.pack.weight'), material ? `${material.weightG.toFixed(1)} g (${PROCESS_RULES[input.process].densityGPerCm3} g/cm³)` : t('mesh.pack.notMeasured')],
    [t('mesh.pack.triangles'), report.triangles.toLocaleString('en')],
    [t('mesh.pack.files'), input.files.join(', ')],
  ];
  for (const [label, value] of rows) {
    line(label, 10, MARGIN, MUTED);
    for (const [i, part] of wrap(value, font, 10, A4[0] - MARGIN - 170).entries()) {
      if (i > 0) y -= 13;
      line(part, 10, MARGIN + 140);
    }
    y -= 15;
  }

  y -= 6;
  line(t('mesh.pack.views'), 12);
  y -= 8;
  const cell = (A4[0] - 2 * MARGIN - 20) / 3;
  for (const [i, view] of input.views.entries()) {
    const image = await doc.embedPng(view.png);
    const x = MARGIN + i * (cell + 10);
    page.drawImage(image, { x, y: y - cell, width: cell, height: cell });
    page.drawRectangle({ x, y: y - cell, width: cell, height: cell, borderColor: MUTED, borderWidth: 0.5 });
    page.drawText(t(`mesh.pack.view.${view.view}`), { x: x + 4, y: y - cell - 13, size: 9, font, color: MUTED });
  }
  y -= cell + 34;

  line(t('mesh.pack.checks'), 12);
  y -= 18;
  const cols = [MARGIN, MARGIN + 250, MARGIN + 340, MARGIN + 420];
  for (const [i, head] of [t('mesh.pack.check'), t('mesh.pack.value'), t('mesh.pack.limit'), t('mesh.pack.result')].entries()) line(head, 9, cols[i], MUTED);
  y -= 14;
  for (const check of report.checks) {
    if (y < MARGIN + 90) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
    line(checkName(input.language, check.name), 9, cols[0]);
    line(formatValue(check.name, check.value, t('mesh.pack.notMeasured')), 9, cols[1]);
    line(formatLimit(check.name, check.limit), 9, cols[2]);
    line(check.passed ? t('mesh.pack.passed') : t('mesh.pack.failed'), 9, cols[3], check.passed ? GOOD : BAD);
    y -= 14;
  }

  y -= 10;
  if (y < MARGIN + 100) {
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  }
  line(t('mesh.pack.rules'), 11);
  y -= 14;
  for (const part of wrap(PROCESS_RULES[input.process].source, font, 8, A4[0] - 2 * MARGIN)) {
    line(part, 8, MARGIN, MUTED);
    y -= 11;
  }
  y -= 4;
  line(t('mesh.pack.rulesNote'), 8, MARGIN, MUTED);
  y -= 18;
  line(t('mesh.pack.made', { date: input.date }), 8, MARGIN, MUTED);
  return doc.save();
}

function formatValue(name: MeshCheckReport['checks'][number]['name'], value: number | null, none: string): string {
  if (value === null) return none;
  if (name === 'overhang') return `${(value * 100).toFixed(1)} %`;
  if (name === 'wall' || name === 'detail' || name === 'size') return `${value.toFixed(2)} mm`;
  return String(value);
}

function formatLimit(name: MeshCheckReport['checks'][number]['name'], limit: number | null): string {
  if (limit === null) return '—';
  if (name === 'overhang') return `${limit}°`;
  if (name === 'wall' || name === 'detail') return `≥ ${limit} mm`;
  if (name === 'size') return `≤ ${limit} mm`;
  return `= ${limit}`;
}

/**
 * Breaks text into lines no wider than `width`: at spaces where the text
 * has them (Latin), between any two characters where it does not (Chinese).
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const ch of text) {
    const next = current + ch;
    if (font.widthOfTextAtSize(next, size) <= width) {
      current = next;
      continue;
    }
    const space = current.lastIndexOf(' ');
    if (ch !== ' ' && space > current.length / 2) {
      lines.push(current.slice(0, space));
      current = current.slice(space + 1) + ch;
    } else {
      lines.push(current);
      current = ch === ' ' ? '' : ch;
    }
  }
  if (current) lines.push(current);
  return lines;
}
