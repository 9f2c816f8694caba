#!/usr/bin/env node
// Copies the caption font (Noto Sans CJK, SIL OFL 1.1) from the Debian package
// fonts-noto-cjk into resources/fonts, so builds ship it and renders never
// depend on the fonts of the machine they run on. Run at build time
// (`node scripts/copy-fonts.mjs`); idempotent. Exits non-zero when missing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = 'NotoSansCJK-Regular.ttc';
const sources = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];
const licenceCandidates = ['/usr/share/doc/fonts-noto-cjk/copyright'];
const dest = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'fonts');

const src = sources.map((d) => path.join(d, FILE)).find((f) => fs.existsSync(f));
if (!src) {
  console.error(`copy-fonts: ${FILE} not found in ${sources.join(', ')}. Install it: apt-get install fonts-noto-cjk`);
  process.exit(1);
}
fs.mkdirSync(dest, { recursive: true });
const target = path.join(dest, FILE);
const same = fs.existsSync(target) && fs.statSync(target).size === fs.statSync(src).size;
if (!same) fs.copyFileSync(src, target);
const licence = licenceCandidates.find((f) => fs.existsSync(f));
if (licence) fs.copyFileSync(licence, path.join(dest, 'NotoSansCJK-LICENSE.txt'));
console.log(`copy-fonts: ${same ? 'already present' : 'copied'} ${src} → ${target}`);
