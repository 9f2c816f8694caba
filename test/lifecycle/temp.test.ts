import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/main/studio.js';
import { addItem, HOUR, openClockedStudio, present, TestClock } from './setup.js';

const open: Studio[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Writes a file whose modification time is `at`. */
function fileAt(file: string, at: number, bytes = 1000): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.alloc(bytes, 7));
  fs.utimesSync(file, new Date(at), new Date(at));
}

describe('temp cleanup every 6 hours', () => {
  it('removes temp entries and temp items untouched for 6 hours, and nothing newer or outside its folders', async () => {
    // A file counts as touched when it was made (its change time, which no test can set back): the clock runs 7 hours
    // ahead of the files' real making, and their modification times are set relative to the next temp slot.
    const clock = new TestClock(Date.now() + 7 * HOUR);
    const studio = await openClockedStudio(clock);
    open.push(studio);
    const slot = studio.lifecycle.scheduler.preview().temp.at;
    const { temp, staging } = studio.paths;
    fileAt(path.join(temp, 'old-captions.txt'), slot - 7 * HOUR, 1234);
    fileAt(path.join(temp, 'fresh-captions.txt'), slot - HOUR);
    // A job's working folder counts by its newest file: one file still being written keeps the whole folder.
    fileAt(path.join(temp, 'kingjam-photo-motion-a', 'frame-1.png'), slot - 9 * HOUR);
    fileAt(path.join(temp, 'kingjam-photo-motion-a', 'frame-2.png'), slot - 2 * HOUR);
    fileAt(path.join(temp, 'kingjam-photo-motion-b', 'frame-1.png'), slot - 9 * HOUR, 2000);
    fileAt(path.join(temp, 'kingjam-photo-motion-b', 'deep', 'frame-2.png'), slot - 8 * HOUR, 3000);
    fs.utimesSync(path.join(temp, 'kingjam-photo-motion-b', 'deep'), new Date(slot - 8 * HOUR), new Date(slot - 8 * HOUR));
    fs.utimesSync(path.join(temp, 'kingjam-photo-motion-b'), new Date(slot - 8 * HOUR), new Date(slot - 8 * HOUR));
    fileAt(path.join(staging, 'abandoned-upload', 'clip.mp4'), slot - 30 * HOUR, 500);
    fs.utimesSync(path.join(staging, 'abandoned-upload'), new Date(slot - 30 * HOUR), new Date(slot - 30 * HOUR));
    // Outside the temp folders, however old: never touched.
    fileAt(path.join(studio.paths.home, 'notes.txt'), slot - 1000 * HOUR);
    const oldItem = await addItem(studio, 'intermediate-old', 'temp', slot - 7 * HOUR);
    const newItem = await addItem(studio, 'intermediate-new', 'temp', slot - 5 * HOUR);
    const [o, n] = [oldItem, newItem].map((id) => studio.library.get(id));

    const plan = studio.lifecycle.scheduler.preview().temp;
    expect(plan.at).toBe(slot);
    expect(plan.items.map((i) => i.asset.id)).toEqual([oldItem]);
    expect(plan.tempFiles).toBe(3);
    expect(plan.tempBytes).toBe(1234 + 2000 + 3000 + 500);

    clock.t = slot;
    const ran = await studio.lifecycle.scheduler.runDue();
    expect(ran).toContain('temp');
    expect(fs.readdirSync(temp).sort()).toEqual(['fresh-captions.txt', 'kingjam-photo-motion-a']);
    expect(fs.readdirSync(path.join(temp, 'kingjam-photo-motion-a')).sort()).toEqual(['frame-1.png', 'frame-2.png']);
    expect(fs.readdirSync(staging)).toEqual([]);
    expect(fs.existsSync(path.join(studio.paths.home, 'notes.txt'))).toBe(true);
    expect(present(studio, oldItem, o!.file, o!.hash)).toBe(false);
    expect(present(studio, newItem, n!.file, n!.hash)).toBe(true);
    const run = studio.lifecycle.runs.recent(10).find((r) => r.task === 'temp' && r.dueAt === slot)!;
    expect(run.deletedCount).toBe(4);
    expect(run.bytesFreed).toBeGreaterThan(1234 + 2000 + 3000 + 500);

    // The next temp slot is 6 hours on; it is not owed before then.
    clock.t = slot + 5 * HOUR;
    expect(await studio.lifecycle.scheduler.runDue()).not.toContain('temp');
  });
});
