#!/usr/bin/env node
// Copies the caption fonts (SIL OFL 1.1) from their npm packages into
// resources/fonts, so builds and packages ship them and renders never depend
// on the fonts of the machine they run on: Noto Sans TC (Traditional Chinese),
// Noto Sans SC (Simplified Chinese; also every Traditional character, in
// mainland shapes) and the outline (monochrome) Noto Emoji, each with its
// licence. Run by `npm run build`; idempotent; exits non-zero when a package
// is missing (run `npm ci`).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { preferFullUnicodeCmap } from './font-cmap.mjs';

const require = createRequire(import.meta.url);
const dest = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'fonts');

// The file names here are the ones src/workers/media/fonts.ts looks for.
const FONTS = [
  { pkg: '@expo-google-fonts/noto-sans-tc', file: '400Regular/NotoSansTC_400Regular.ttf', out: 'NotoSansTC-Regular.ttf' },
  { pkg: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf', out: 'NotoSansSC-Regular.ttf' },
  // libass before 0.17.2 reads only the first Microsoft cmap, which in Noto
  // Emoji is the BMP-only one, so every emoji (U+1Fxxx) would be "not found";
  // the copy keeps just the full-Unicode one (a change the OFL allows; Noto
  // Emoji reserves no font name).
  { pkg: '@expo-google-fonts/noto-emoji', file: '400Regular/NotoEmoji_400Regular.ttf', out: 'NotoEmoji-Regular.ttf', transform: preferFullUnicodeCmap },
];
// Left by the build before the fonts came from npm (copied from fonts-noto-cjk); no longer looked for there.
const STALE = ['NotoSansCJK-Regular.ttc', 'NotoSansCJK-LICENSE.txt'];

function packageDir(pkg) {
  try {
    return path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    console.error(`copy-fonts: the npm package ${pkg} is not installed. Run: npm ci`);
    process.exit(1);
  }
}

fs.mkdirSync(dest, { recursive: true });
for (const font of FONTS) {
  const dir = packageDir(font.pkg);
  const src = path.join(dir, font.file);
  const target = path.join(dest, font.out);
  const bytes = font.transform ? font.transform(fs.readFileSync(src)) : null;
  const same = fs.existsSync(target) && (bytes ? fs.readFileSync(target).equals(bytes) : fs.statSync(target).size === fs.statSync(src).size);
  if (!same) {
    if (bytes) fs.writeFileSync(target, bytes);
    else fs.copyFileSync(src, target);
  }
  fs.copyFileSync(path.join(dir, 'LICENSE_FONT'), path.join(dest, font.out.replace(/\.ttf$/, '-OFL.txt')));
  console.log(`copy-fonts: ${same ? 'already present' : 'copied'} ${font.pkg}/${font.file} → ${target}`);
}
for (const name of STALE) fs.rmSync(path.join(dest, name), { force: true });
