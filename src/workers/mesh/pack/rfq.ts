import { packText, processName, type MeshPackKey } from '../../../shared/mesh/messages/pack-text.js';
import type { PrintProcess } from '../../../shared/mesh/processes.js';
import type { MaterialEstimate, MeshCheckReport } from '../../../shared/mesh/report.js';
import type { Language } from '../../../shared/settings.js';

export interface RfqInput {
  name: string;
  process: PrintProcess;
  quantity: number;
  language: Language;
  report: MeshCheckReport;
  material: MaterialEstimate | null;
  files: string[];
}

/**
 * A request for quotation to one factory, as plain text ready to paste into
 * an e-mail or LINE/WeChat: the part (process, material, size, volume,
 * quantity), the attached files, and what we ask — unit price in NT$,
 * MOQ, lead time and shipping. CRLF line ends, so Windows tools show the
 * lines. `factory` null: a request without a greeting, for any factory.
 */
export function rfqText(input: RfqInput, factory: { name: string; contact: string } | null): string {
  const t = (key: MeshPackKey, params: Record<string, string | number> = {}) => packText(input.language, key, params);
  const process = processName(input.language, input.process);
  const lines: string[] = [t('mesh.pack.rfq.subject', { name: input.name, process, quantity: input.quantity }), ''];
  if (factory?.contact) lines.push(t('mesh.pack.rfq.contact', { contact: factory.contact }), '');
  if (factory) lines.push(t('mesh.pack.rfq.greeting', { factory: factory.name }), '');
  lines.push(t('mesh.pack.rfq.intro'), '');
  lines.push(`${t('mesh.pack.rfq.item')}: ${input.name}`);
  lines.push(`- ${t('mesh.pack.process')}: ${process}`);
  lines.push(`- ${t('mesh.pack.material')}: ${t(`mesh.pack.materialOf.${input.process}`)}`);
  lines.push(`- ${t('mesh.pack.quantity')}: ${input.quantity}`);
  lines.push(`- ${t('mesh.pack.size')}: ${input.report.sizeMm.map((s) => s.toFixed(1)).join(' × ')} mm`);
  if (input.material) {
    lines.push(`- ${t('mesh.pack.volume')}: ${input.material.volumeCm3.toFixed(2)} cm³`);
    lines.push(`- ${t('mesh.pack.weight')}: ${input.material.weightG.toFixed(1)} g`);
  }
  lines.push('', `${t('mesh.pack.rfq.attached')}:`, ...input.files.map((f) => `- ${f}`), '');
  lines.push(t('mesh.pack.rfq.questions'));
  const questions: MeshPackKey[] = ['mesh.pack.rfq.q.price', 'mesh.pack.rfq.q.moq', 'mesh.pack.rfq.q.lead', 'mesh.pack.rfq.q.shipping', 'mesh.pack.rfq.q.changes'];
  questions.forEach((key, i) => lines.push(`${i + 1}. ${t(key, { quantity: input.quantity })}`));
  lines.push('');
  lines.push(t('mesh.pack.rfq.thanks'), '');
  return lines.join('\r\n');
}

/** A file name for a factory's request: its name with path separators and control characters taken out. */
export function rfqFileName(index: number, factory: string): string {
  const printable = [...factory].map((ch) => (ch.charCodeAt(0) < 32 ? '-' : ch)).join('');
  const safe = printable.replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `rfq/${String(index + 1).padStart(2, '0')}-${safe || 'factory'}.txt`;
}
