import path from 'node:path';
import { zipSync, strToU8, type Zippable } from 'fflate';
import type { PrintProcess } from '../../../shared/mesh/processes.js';
import type { MaterialEstimate, MeshCheckReport } from '../../../shared/mesh/report.js';
import type { Language } from '../../../shared/settings.js';
import type { IndexedMesh } from '../mesh.js';
import { rfqFileName, rfqText } from './rfq.js';
import { specSheetPdf } from './spec-sheet.js';
import { renderViews } from './views.js';

export interface PackInput {
  name: string;
  process: PrintProcess;
  quantity: number;
  language: Language;
  factories: { name: string; contact: string }[];
  /** The model as printed (millimetres, Z up), for the views. */
  mesh: IndexedMesh;
  report: MeshCheckReport;
  material: MaterialEstimate | null;
  /** The model files to include, by their name in the ZIP. */
  files: { name: string; data: Uint8Array }[];
  date: string;
}

/**
 * The production pack as one ZIP: models/ (the files as given),
 * spec-sheet.pdf, views/{front,side,top}.png, and rfq/ — one request per
 * factory, or one without a greeting when no factory is named. Model files
 * are stored as they are (3MF is already a zip); the rest is deflated.
 */
export async function buildPack(input: PackInput): Promise<{ zip: Uint8Array; entries: string[] }> {
  const views = await renderViews(input.mesh);
  const fileNames = input.files.map((f) => `models/${path.basename(f.name)}`);
  const pdf = await specSheetPdf({ ...input, views, files: fileNames.map((f) => path.basename(f)) });
  const entries: Zippable = {};
  for (const [i, file] of input.files.entries()) entries[fileNames[i]!] = [file.data, { level: 0 }];
  entries['spec-sheet.pdf'] = pdf;
  for (const view of views) entries[`views/${view.view}.png`] = [view.png, { level: 0 }];
  const rfqInput = { ...input, files: [...fileNames, 'spec-sheet.pdf'].map((f) => path.basename(f)) };
  if (input.factories.length === 0) entries['rfq/request-for-quotation.txt'] = strToU8(rfqText(rfqInput, null));
  for (const [i, factory] of input.factories.entries()) entries[rfqFileName(i, factory.name)] = strToU8(rfqText(rfqInput, factory));
  return { zip: zipSync(entries, { level: 6 }), entries: Object.keys(entries) };
}
