import { z } from 'zod';
import { MESH_BACKENDS, MESH_VIA } from './backends.js';
import { PRINT_PROCESSES } from './processes.js';
import type { MaterialEstimate, MeshCheckReport } from './report.js';

/**
 * The 3D builder's worker jobs (issue 16). They run in the `mesh` queue's
 * utility process (src/workers/mesh/), never in main or the renderer; every
 * path is absolute and the worker never opens the database.
 */
const absPath = z.string().min(1);

export const MESH_LIMITS = {
  /** Print sizes the builder accepts: the largest side of the model (mm). */
  minSizeMm: 10,
  maxSizeMm: 1000,
  defaultSizeMm: 120,
  /** A model file the worker will open (bytes): a 1,000,000-triangle binary STL is 50 MB. */
  maxFileBytes: 512 * 1024 * 1024,
  maxTriangles: 5_000_000,
  /** Triangles sent to the renderer's preview. */
  previewTriangles: 200_000,
  /** The preview's coarse level, drawn while the view moves where the full one cannot keep up (bench/mesh-preview.ts). */
  previewCoarseTriangles: 8_000,
} as const;

export const MESH_FORMATS = ['stl', '3mf', 'glb'] as const;
export type MeshFormat = (typeof MESH_FORMATS)[number];

const sizeMm = z.number().min(MESH_LIMITS.minSizeMm).max(MESH_LIMITS.maxSizeMm);

export const meshJobKinds = {
  /** Image → one candidate GLB from one backend. */
  'mesh.make': {
    queue: 'mesh',
    payload: z.object({
      image: absPath,
      backend: z.enum(MESH_BACKENDS),
      via: z.enum(MESH_VIA).default('cloud'),
      /** A ComfyUI 3D workflow in API format (backend comfyui). */
      workflow: absPath.optional(),
      seed: z.number().int().min(0).max(2 ** 31 - 1).default(1001),
      out: absPath,
    }),
    title: (p: { backend: string; image: string }) => `3D model (${p.backend}) from ${p.image.split(/[\\/]/).pop()}`,
  },
  /** Measure a model at a print size and process; optionally write the decimated preview (GLB with the problem overlay). */
  'mesh.check': {
    queue: 'mesh',
    payload: z.object({
      input: absPath,
      sizeMm,
      process: z.enum(PRINT_PROCESSES),
      previewOut: absPath.optional(),
    }),
    title: (p: { input: string }) => `Check ${p.input.split(/[\\/]/).pop()}`,
  },
  /** Repair, simplify, scale, hollow and base a model, and write it in the print formats. */
  'mesh.prepare': {
    queue: 'mesh',
    payload: z.object({
      input: absPath,
      sizeMm,
      process: z.enum(PRINT_PROCESSES),
      targetTriangles: z.number().int().min(1_000).max(MESH_LIMITS.maxTriangles).optional(),
      /** Hollow with this wall (mm); omitted: solid. */
      hollowWallMm: z.number().min(0.4).max(20).optional(),
      /** Add a base plate this thick (mm); omitted: none. */
      baseMm: z.number().min(1).max(30).optional(),
      formats: z.array(z.enum(MESH_FORMATS)).min(1).default(['stl', '3mf', 'glb']),
      outDir: absPath,
      /** File name without extension. */
      name: z.string().min(1).max(80),
      previewOut: absPath.optional(),
    }),
    title: (p: { name: string }) => `Prepare ${p.name} for printing`,
  },
  /** The production pack: model files, PDF spec sheet, a request for quotation per factory, in one ZIP. */
  'mesh.pack': {
    queue: 'mesh',
    payload: z.object({
      files: z.array(z.object({ format: z.enum(MESH_FORMATS), path: absPath })).min(1),
      name: z.string().min(1).max(80),
      process: z.enum(PRINT_PROCESSES),
      quantity: z.number().int().min(1).max(1_000_000).default(1),
      language: z.enum(['zh-TW', 'zh-CN', 'en']),
      factories: z.array(z.object({ name: z.string().min(1).max(120), contact: z.string().max(200).default('') })).max(20).default([]),
      out: absPath,
    }),
    title: (p: { name: string }) => `Production pack for ${p.name}`,
  },
} as const;

export interface MeshMakeResult {
  path: string;
  backend: (typeof MESH_BACKENDS)[number];
  draft: boolean;
  triangles: number;
  /** The model the backend ran (provider model id or "offline-relief"). */
  model: string;
}

export interface MeshCheckResult {
  report: MeshCheckReport;
  material: MaterialEstimate | null;
  previewPath: string | null;
}

export interface MeshPrepareResult {
  files: { format: MeshFormat; path: string; bytes: number; sha256: string }[];
  before: MeshCheckReport;
  after: MeshCheckReport;
  material: MaterialEstimate | null;
  previewPath: string | null;
}

export interface MeshPackResult {
  path: string;
  bytes: number;
  /** The names of the files inside the ZIP. */
  entries: string[];
}

export interface MeshJobResults {
  'mesh.make': MeshMakeResult;
  'mesh.check': MeshCheckResult;
  'mesh.prepare': MeshPrepareResult;
  'mesh.pack': MeshPackResult;
}
