import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshJobKinds } from '../../src/shared/mesh/jobs.js';
import { checkName, packText } from '../../src/shared/mesh/messages/pack-text.js';
import type { Language } from '../../src/shared/settings.js';
import type { JobContext } from '../../src/workers/context.js';
import { encodeStl } from '../../src/workers/mesh/io/stl.js';
import { encode3mf } from '../../src/workers/mesh/io/threemf.js';
import { packMesh } from '../../src/workers/mesh/pack-job.js';
import { box } from './fixtures-prep.js';
import { pdfText } from './pdf-text.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-pack-'));
const stl = path.join(dir, 'lantern.stl');
const threemf = path.join(dir, 'lantern.3mf');

beforeAll(() => {
  // The spec sheet embeds the bundled Noto Sans (npm → resources/fonts), as `npm run build` does.
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/copy-fonts.mjs', import.meta.url))], { stdio: 'ignore' });
  const cube = box(40);
  fs.writeFileSync(stl, encodeStl(cube));
  fs.writeFileSync(threemf, encode3mf(cube, 'lantern'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function context(): JobContext {
  return {
    jobId: 'pack-test', attempt: 1, checkpoint: null, paths: { home: dir, library: dir, temp: dir }, signal: new AbortController().signal,
    progress: () => undefined, saveCheckpoint: async () => undefined, notice: () => undefined, preview: () => undefined, secrets: {},
  };
}

const FACTORIES = [{ name: '台中樹脂工坊', contact: 'sales@resin.example' }, { name: 'Shenzhen Vinyl Co.', contact: '' }];

describe.each<Language>(['zh-TW', 'zh-CN', 'en'])('production pack in %s', (language) => {
  let unzipped: Record<string, Uint8Array>;
  let entries: string[];

  beforeAll(async () => {
    const out = path.join(dir, `pack-${language}.zip`);
    const payload = meshJobKinds['mesh.pack'].payload.parse({
      files: [{ format: 'stl', path: stl }, { format: '3mf', path: threemf }],
      name: '燈籠 lantern', process: 'sla', quantity: 50, language, factories: FACTORIES, out,
    });
    const result = await packMesh(payload, context());
    expect(result.bytes).toBe(fs.statSync(out).size);
    entries = result.entries;
    unzipped = unzipSync(fs.readFileSync(out));
  });

  it('unzips to the named files, the models byte for byte', () => {
    expect(Object.keys(unzipped).sort()).toEqual([...entries].sort());
    expect(entries).toEqual(expect.arrayContaining([
      'models/lantern.stl', 'models/lantern.3mf', 'spec-sheet.pdf', 'views/front.png', 'views/side.png', 'views/top.png',
      'rfq/01-台中樹脂工坊.txt', 'rfq/02-Shenzhen-Vinyl-Co..txt',
    ]));
    expect(Buffer.from(unzipped['models/lantern.stl']!).equals(fs.readFileSync(stl))).toBe(true);
  });

  it('has a spec sheet that parses back with its text in the language: checks, size, volume, weight, rules', async () => {
    const { pages, text } = await pdfText(unzipped['spec-sheet.pdf']!);
    expect(pages).toBe(1);
    expect(text).toContain(`${packText(language, 'mesh.pack.title')} — 燈籠 lantern`);
    for (const name of ['watertight', 'manifold', 'selfIntersections', 'degenerate', 'wall', 'detail', 'overhang', 'size'] as const) {
      expect(text).toContain(checkName(language, name));
    }
    expect(text).toContain('40.0 × 40.0 × 40.0 mm');
    expect(text).toContain('64.00 cm³');
    expect(text).toContain('75.5 g'); // 64 cm³ × 1.18 g/cm³
    expect(text).toContain(packText(language, 'mesh.pack.passed'));
    expect(text).toContain('Addema');
    expect(text).toContain(packText(language, 'mesh.pack.materialOf.sla'));
  });

  it('draws the three views at one scale: a 40 mm cube fills 86 % of each', async () => {
    for (const view of ['front', 'side', 'top']) {
      const { data, info } = await sharp(Buffer.from(unzipped[`views/${view}.png`]!)).raw().toBuffer({ resolveWithObject: true });
      let minX = info.width, maxX = -1;
      for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) {
        if (data[(y * info.width + x) * info.channels]! < 250) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); }
      }
      expect(Math.abs(maxX - minX + 1 - info.width * 0.86), view).toBeLessThanOrEqual(2);
      expect(data[0]).toBe(255); // corner: background
    }
  });

  it('writes a request for quotation per factory with the questions, in the language', () => {
    const first = strFromU8(unzipped['rfq/01-台中樹脂工坊.txt']!);
    expect(first).toContain(packText(language, 'mesh.pack.rfq.greeting', { factory: '台中樹脂工坊' }));
    expect(first).toContain(packText(language, 'mesh.pack.rfq.contact', { contact: 'sales@resin.example' }));
    for (const key of ['mesh.pack.rfq.q.price', 'mesh.pack.rfq.q.moq', 'mesh.pack.rfq.q.lead', 'mesh.pack.rfq.q.shipping'] as const) {
      expect(first).toContain(packText(language, key, { quantity: 50 }));
    }
    expect(first).toContain('NT$');
    expect(first).toContain('- lantern.stl\r\n- lantern.3mf\r\n- spec-sheet.pdf');
    expect(first).toContain('40.0 × 40.0 × 40.0 mm');
    const second = strFromU8(unzipped['rfq/02-Shenzhen-Vinyl-Co..txt']!);
    expect(second).toContain('Shenzhen Vinyl Co.');
    expect(second).not.toContain('sales@resin.example');
  });
});
