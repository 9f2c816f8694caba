import fs from 'node:fs';
import path from 'node:path';
import type { ContactSheetResult } from '../../../shared/jobs/kinds.js';
import { resourcesDir } from '../../paths.js';
import type { Studio } from '../../studio.js';
import { parseArgs } from '../args.js';
import type { CliIo } from '../context.js';
import { importAndWait } from './import.js';

/**
 * `kingjam demo`: the whole engine on a fresh machine with no keys — imports
 * the sample images, then renders a contact sheet of them in a worker.
 */
export async function demoCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const samples = path.join(resourcesDir(), 'samples');
  io.err(`KingJam Studio demo — data folder: ${studio.paths.home}`);
  const summary = await importAndWait(studio, [samples], io, args.flags.has('json'));
  if (summary.assetIds.length === 0) {
    io.err('No sample image could be imported; see the errors above.');
    return 1;
  }
  const assets = summary.assetIds.map((id) => studio.library.get(id)).filter((a) => a.kind === 'image');
  const out = path.join(studio.paths.outputs, 'demo-contact-sheet.png');
  const job = await studio.jobs.enqueue('media.contactSheet', {
    title: 'KingJam Studio · 範例素材 Sample media',
    images: assets.map((a) => ({ path: path.join(studio.paths.library, a.file), label: a.name })),
    out,
    columns: 3,
  });
  const done = await studio.jobs.waitFor(job.id);
  if (done.status !== 'succeeded') {
    io.err(`The contact sheet failed: ${done.error?.message ?? done.status}`);
    return 1;
  }
  const sheet = done.result as ContactSheetResult;
  if (args.flags.has('json')) {
    io.out(JSON.stringify({ imported: summary, contactSheet: sheet }));
  } else {
    io.out(`Contact sheet: ${sheet.path} (${sheet.width}×${sheet.height}, ${(fs.statSync(sheet.path).size / 1024).toFixed(0)} KiB)`);
    io.out(`Library: ${studio.library.stats().count} items in ${studio.paths.library}`);
    io.out('Next: `kingjam serve` opens the studio in your browser.');
  }
  return 0;
}
