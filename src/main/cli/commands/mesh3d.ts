import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { printError } from '../error-lines.js';
import fs from 'node:fs';
import path from 'node:path';
import type { MeshModelView } from '../../../shared/api/mesh-contract.js';
import { StudioError } from '../../../shared/errors.js';
import { meshText, type MeshAppTextKey } from '../../../shared/mesh/app-text.js';
import { MESH_BACKENDS, MESH_VIA, type MeshBackend } from '../../../shared/mesh/backends.js';
import { MESH_LIMITS, type MeshCheckResult } from '../../../shared/mesh/jobs.js';
import { PRINT_PROCESSES, type PrintProcess } from '../../../shared/mesh/processes.js';
import type { MeshCheckReport } from '../../../shared/mesh/report.js';
import type { Language } from '../../../shared/settings.js';
import { ANY_PATH } from '../../client-files.js';
import { isLocalMeshBackend } from '../../mesh/backends.js';
import type { Studio } from '../../studio.js';
import { parseArgs, stringFlag, type ParsedArgs, notOneOf, usageLines } from '../args.js';
import { type CliIo, cliLanguage } from '../context.js';
import { endedWithout, exitCode } from '../exit-code.js';
import { numberFlag } from './kol/kit.js';

/** `kingjam 3d …` usage lines (issue 16); shown by `kingjam help`. */
export const MESH3D_USAGE: UsageEntry[] = [
  {
    syntax: 'kingjam 3d make IMAGE [--backend offline,trellis,hunyuan3d,meshy,comfyui] [--via cloud|own-key] [--size-mm 120] [--process fdm|sla|sandstone|pvc] [--name N] [--out DIR] [--yes] [--json]',
    about: 'help.3d.make',
  },
  { syntax: 'kingjam 3d check FILE.stl|glb|3mf [--size-mm 120] [--process fdm|sla|sandstone|pvc] [--json]', about: 'help.3d.check' },
];

function oneOf<T extends string>(args: ParsedArgs, name: string, values: readonly T[], fallback: T): T {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  if (!(values as readonly string[]).includes(v)) throw notOneOf(name, values);
  return v as T;
}

function backends(args: ParsedArgs): MeshBackend[] {
  const list = (stringFlag(args, 'backend') ?? 'offline').split(',').map((b) => b.trim()).filter(Boolean);
  for (const b of list) if (!(MESH_BACKENDS as readonly string[]).includes(b)) throw notOneOf('backend', MESH_BACKENDS);
  return [...new Set(list)] as MeshBackend[];
}

/** Each production check as one line: its name in the user's language, its value and limit, passed or not. */
function checkLines(language: Language, report: MeshCheckReport): string[] {
  return report.checks.map((c) =>
    meshText(language, 'mesh.cli.check', {
      name: meshText(language, `mesh.cli.check.${c.name}` as MeshAppTextKey),
      label: meshText(language, c.passed ? 'mesh.cli.passed' : 'mesh.cli.failed'),
      value: checkValue(language, c, report.watertight),
    }),
  );
}

/** Checks whose measure must reach the limit (a wall or a detail at least so thick); the others must stay under it. */
const AT_LEAST = new Set(['wall', 'detail']);

/** A check's measured value against its limit, in words: "2.43 (at least 0.8)"; the overhang's value is a share of the surface and its limit an angle. */
function checkValue(language: Language, c: MeshCheckReport['checks'][number], closed: boolean): string {
  if (c.value === null) return meshText(language, closed ? 'mesh.cli.notMeasured' : 'mesh.cli.notMeasuredOpen');
  if (c.name === 'overhang') return c.limit === null ? `${round(c.value * 100)} %` : meshText(language, 'mesh.cli.overhangShare', { share: round(c.value * 100), angle: c.limit });
  if (c.limit === null) return String(round(c.value));
  return meshText(language, AT_LEAST.has(c.name) ? 'mesh.cli.atLeast' : 'mesh.cli.atMost', { value: round(c.value), limit: round(c.limit) });
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/**
 * `kingjam 3d make|check`: the 3D builder from the command line, through the
 * same service and workers as the page. `make` waits for every candidate's
 * make and check and copies the selected one's GLB to --out; `check`
 * measures one file and exits 1 when a production check fails.
 */
export async function mesh3dCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, ['json', 'yes']);
  const json = args.flags.has('json');
  const language = cliLanguage(studio);
  const say = (key: MeshAppTextKey, params?: Record<string, string | number>) => meshText(language, key, params);
  const note = (line: string) => (json ? io.err(line) : io.out(line));
  if ((sub !== 'make' && sub !== 'check') || args.positionals.length !== 1) throw usageLines(MESH3D_USAGE);
  const file = path.resolve(args.positionals[0]!);
  const sizeMm = numberFlag(args, 'size-mm', MESH_LIMITS.minSizeMm, MESH_LIMITS.maxSizeMm) ?? MESH_LIMITS.defaultSizeMm;
  const process: PrintProcess = oneOf(args, 'process', PRINT_PROCESSES, 'fdm');

  if (sub === 'check') {
    const job = await studio.jobs.enqueue('mesh.check', { input: file, sizeMm, process });
    const done = await studio.jobs.waitFor(job.id);
    if (done.status !== 'succeeded') {
      const err = new StudioError(done.error ?? endedWithout(done.status, 'check'));
      printError(io, err, language);
      return exitCode(err);
    }
    const result = done.result as MeshCheckResult;
    if (json) io.out(JSON.stringify(result));
    else {
      for (const line of checkLines(language, result.report)) io.out(line);
      io.out(say('mesh.cli.score', { score: Math.round(result.report.score), size: sizeMm, process }));
    }
    return result.report.checks.every((c) => c.passed) ? 0 : 1;
  }

  // `own-key`, as the photo and character commands spell it; `own` is the job's own name for it.
  const via = oneOf(args, 'via', [...MESH_VIA, 'own-key'] as const, 'cloud') === 'cloud' ? ('cloud' as const) : ('own' as const);
  const choices = backends(args).map((backend) => ({ backend, via: isLocalMeshBackend(backend) ? ('cloud' as const) : via }));
  const meshes = studio.creator.meshes;
  let model: MeshModelView;
  try {
    const estimate = meshes.estimate(choices);
    note(estimate.total > 0 ? say('mesh.cli.estimate', { credits: estimate.total }) : say('mesh.cli.free'));
    if (estimate.total > 0 && !args.flags.has('yes')) {
      io.err(say('mesh.cli.needYes', { credits: estimate.total }));
      return 2;
    }
    note(say('mesh.cli.making', { image: path.basename(file), backends: choices.map((c) => say(`mesh.backend.${c.backend}`)).join(', ') }));
    const name = stringFlag(args, 'name');
    model = await meshes.models.make({ image: { path: file }, ...(name ? { name } : {}), backends: choices, sizeMm, process }, ANY_PATH);
  } catch (err) {
    if (!(err instanceof StudioError)) throw err;
    printError(io, err, language);
    return exitCode(err);
  }
  model = await settled(studio, model.id);
  for (const c of model.candidates) {
    if (c.report && c.score !== null) {
      note(
        say('mesh.cli.candidate', {
          backend: say(`mesh.backend.${c.backend}`), score: Math.round(c.score), triangles: c.report.triangles, size: c.report.sizeMm.map((v) => v.toFixed(1)).join(' × '),
          draft: c.draft ? say('mesh.cli.draft') : '', best: c.id === model.bestId ? say('mesh.cli.best') : '',
        }),
      );
      if (!json) for (const line of checkLines(language, c.report)) io.out(`  ${line}`);
    } else note(say('mesh.cli.candidateFailed', { backend: say(`mesh.backend.${c.backend}`), detail: c.error?.message ?? c.status }));
  }
  const selected = model.candidates.find((c) => c.id === model.selectedId);
  if (!selected?.glb) {
    note(say('mesh.cli.noCandidate'));
    if (json) io.out(JSON.stringify(model));
    return 1;
  }
  let written: string | null = null;
  const outDir = stringFlag(args, 'out');
  if (outDir) {
    await fs.promises.mkdir(path.resolve(outDir), { recursive: true });
    written = path.join(path.resolve(outDir), `${path.basename(file, path.extname(file))}-${selected.backend}.glb`);
    await fs.promises.copyFile(path.join(studio.paths.library, ...selected.glb.split('/')), written);
    note(say('mesh.cli.wrote', { file: written }));
  }
  if (json) io.out(JSON.stringify({ ...model, written }));
  return 0;
}

/** Waits for every candidate's make, then its check (queued when the make settles). */
async function settled(studio: Studio, id: string): Promise<MeshModelView> {
  const meshes = studio.creator.meshes.models;
  for (;;) {
    const model = meshes.get(id);
    const pending = model.candidates.filter((c) => c.status === 'making' || c.status === 'checking');
    if (pending.length === 0) return model;
    await Promise.all(pending.map((c) => (c.jobId ? studio.jobs.waitFor(c.jobId) : Promise.resolve(null))));
  }
}
