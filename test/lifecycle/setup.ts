import fs from 'node:fs';
import path from 'node:path';
import { ANY_PATH } from '../../src/main/client-files.js';
import type { Studio } from '../../src/main/studio.js';
import type { RetentionClass } from '../../src/shared/library.js';
import { makePng } from '../helpers/media.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A clock the test moves. */
export class TestClock {
  constructor(public t: number) {}
  now = (): number => this.t;
}

/** 09:00 local time on 10 March 2026: the cleanups' slots are local, so the test's moments are too. */
export const DAY0_0900 = new Date(2026, 2, 10, 9, 0).getTime();
export const at0400 = (dayOffset: number): number => new Date(2026, 2, 10 + dayOffset, 4, 0).getTime();

/**
 * A studio on a controlled clock whose scheduler sleeps an hour (so only the
 * start pass runs by itself; the test runs the rest), with that start pass done.
 */
export async function openClockedStudio(clock: TestClock, home = tempHome('kingjam-lifecycle-')): Promise<Studio> {
  const studio = openTestStudio(home, {}, true, { lifecycle: { clock, maxSleepMs: HOUR } });
  await until(() => studio.lifecycle.scheduler.passes > 0, 'the start pass');
  return studio;
}

let colour = 0;

/** A real PNG imported into the library (probed, thumbnail made), then given a class and an age as an output would have. */
export async function addItem(studio: Studio, name: string, retentionClass: RetentionClass | null, createdAt: number, starred = false): Promise<string> {
  colour += 1;
  const hex = `#${(colour * 40503).toString(16).padStart(6, '0').slice(-6)}`;
  const file = await makePng(path.join(tempHome('kingjam-inbox-'), `${name}.png`), 80 + colour, 60, hex);
  const [outcome] = await studio.library.import([file], ANY_PATH);
  if (!outcome?.assetId || !outcome.jobId) throw new Error(`import of ${name} failed: ${JSON.stringify(outcome)}`);
  await studio.jobs.waitFor(outcome.jobId);
  const { store } = studio;
  store.run(store.q.updateTable('assets').set({ retention_class: retentionClass, created_at: createdAt, starred: starred ? 1 : 0 }).where('id', '=', outcome.assetId));
  return outcome.assetId;
}

/** Whether an item's row, file and thumbnail are all there (true), all gone (false), or some mix (an error). */
export function present(studio: Studio, id: string, file: string, hash: string): boolean {
  const row = studio.store.first(studio.store.q.selectFrom('assets').select('id').where('id', '=', id)) !== undefined;
  const onDisk = fs.existsSync(path.join(studio.paths.library, file));
  const thumb = fs.existsSync(path.join(studio.paths.library, `thumbs/${hash.slice(0, 2)}/${hash}.webp`));
  if (row === onDisk && onDisk === thumb) return row;
  throw new Error(`item ${id} is half there: row ${row}, file ${onDisk}, thumbnail ${thumb}`);
}
