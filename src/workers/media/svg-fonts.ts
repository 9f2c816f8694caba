import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledFontsDir } from './fonts.js';

/**
 * sharp draws SVG text (contact sheets, watermarks, offline draft images)
 * through fontconfig, which knows only the fonts installed on the machine: on
 * one without Noto CJK, Chinese came out as boxes. Before a process draws its
 * first text, fontconfig is pointed at a configuration that adds the bundled
 * fonts (resources/fonts) to the one it would have read; fontconfig reads
 * FONTCONFIG_FILE when it first initialises, so later calls change nothing.
 */
export const SVG_FONT_FAMILY_TC = "'Noto Sans TC','Noto Sans SC','Noto Sans CJK TC','Noto Sans CJK SC','Noto Sans',sans-serif";
export const SVG_FONT_FAMILY_SC = "'Noto Sans SC','Noto Sans TC','Noto Sans CJK SC','Noto Sans CJK TC','Noto Sans',sans-serif";

let done = false;

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export function useBundledFontsForSvgText(): void {
  if (done) return;
  done = true;
  const dir = bundledFontsDir();
  if (!dir || !fs.existsSync(dir)) return;
  // What fontconfig would have read: the file named by the environment, else the system's (absent on macOS/Windows: then the bundled fonts alone).
  const previous = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';
  const conf =
    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
    `  <dir>${xml(dir)}</dir>\n` +
    `  <include ignore_missing="yes">${xml(previous)}</include>\n` +
    `  <cachedir>${xml(path.join(os.tmpdir(), 'kingjam-fontconfig-cache'))}</cachedir>\n` +
    '</fontconfig>\n';
  const file = path.join(os.tmpdir(), `kingjam-fonts-${crypto.createHash('sha256').update(conf).digest('hex').slice(0, 16)}.conf`);
  if (!fs.existsSync(file)) {
    const part = `${file}.${process.pid}.part`;
    fs.writeFileSync(part, conf);
    fs.renameSync(part, file);
  }
  process.env.FONTCONFIG_FILE = file;
}
