import { z } from 'zod';
import type { CallSpec } from './contract.js';
import type { ErrorInfo } from '../errors.js';
import type { Billing, Estimate } from '../pricing.js';
import type { ChoiceAction, ChoiceProvider } from '../providers.js';
import { MESH_BACKENDS, MESH_VIA, type MeshBackend, type MeshVia } from '../mesh/backends.js';
import { MESH_FORMATS, MESH_LIMITS, type MeshFormat } from '../mesh/jobs.js';
import { PRINT_PROCESSES, type PrintProcess } from '../mesh/processes.js';
import type { MaterialEstimate, MeshCheckReport } from '../mesh/report.js';

/** The calls of the 3D builder (issue 16): models from an image, their candidates and checks, preparation, packs, quotes. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);
const filePath = z.string().min(1).max(4096);

export const MESH_LANGUAGES = ['zh-TW', 'zh-CN', 'en'] as const;
export type MeshLanguage = (typeof MESH_LANGUAGES)[number];

export const MESH_MODEL_STATUSES = ['making', 'ready', 'failed'] as const;
export type MeshModelStatus = (typeof MESH_MODEL_STATUSES)[number];
export const MESH_CANDIDATE_STATUSES = ['making', 'checking', 'checked', 'failed', 'canceled'] as const;
export type MeshCandidateStatus = (typeof MESH_CANDIDATE_STATUSES)[number];
export type MeshStepStatus = 'running' | 'succeeded' | 'failed' | 'canceled';

/** One backend and who pays for it. */
export const meshBackendChoiceSchema = z.object({ backend: z.enum(MESH_BACKENDS), via: z.enum(MESH_VIA).default('cloud') }).strict();
export type MeshBackendChoice = z.output<typeof meshBackendChoiceSchema>;

const backendChoices = z.array(meshBackendChoiceSchema).min(1).max(MESH_BACKENDS.length * MESH_VIA.length);

/** The image a model starts from: a library picture or a file (the CLI's, a character's reference). */
export const meshImageSchema = z.union([z.object({ asset: id }).strict(), z.object({ path: filePath }).strict()]);

export const meshMakeRequestSchema = z
  .object({
    image: meshImageSchema,
    name: z.string().trim().min(1).max(80).optional(),
    characterId: id.optional(),
    backends: backendChoices,
    sizeMm: z.number().min(MESH_LIMITS.minSizeMm).max(MESH_LIMITS.maxSizeMm).default(MESH_LIMITS.defaultSizeMm),
    process: z.enum(PRINT_PROCESSES).default('fdm'),
    /** A ComfyUI 3D workflow (API format) for backend comfyui. */
    workflow: filePath.optional(),
  })
  .strict();
export type MeshMakeRequest = z.output<typeof meshMakeRequestSchema>;

export const meshPrepareRequestSchema = z
  .object({
    id,
    /** A candidate other than the model's selected one. */
    candidateId: id.optional(),
    targetTriangles: z.number().int().min(1_000).max(MESH_LIMITS.maxTriangles).optional(),
    hollowWallMm: z.number().min(0.4).max(20).optional(),
    baseMm: z.number().min(1).max(30).optional(),
    formats: z.array(z.enum(MESH_FORMATS)).min(1).default(['stl', '3mf', 'glb']),
  })
  .strict();
export type MeshPrepareRequest = z.output<typeof meshPrepareRequestSchema>;

export const meshFactorySchema = z.object({ name: z.string().trim().min(1).max(120), contact: z.string().max(200).default('') }).strict();

export const meshPackRequestSchema = z
  .object({
    id,
    /** A prepared output other than the newest. */
    preparedId: id.optional(),
    language: z.enum(MESH_LANGUAGES),
    factories: z.array(meshFactorySchema).max(20).default([]),
    quantity: z.number().int().min(1).max(1_000_000).default(1),
  })
  .strict();
export type MeshPackRequest = z.output<typeof meshPackRequestSchema>;

const quoteFields = {
  factory: z.string().trim().min(1).max(120),
  /** ISO 4217; NT$ (TWD) unless the factory quoted in another. */
  currency: z.string().regex(/^[A-Z]{3}$/).default('TWD'),
  unitPrice: z.number().min(0).max(1e9),
  moq: z.number().int().min(1).max(10_000_000),
  leadDays: z.number().int().min(0).max(3650),
  notes: z.string().max(2000).default(''),
  /** When the quote came back (ms); default: now. */
  receivedAt: z.number().int().min(0).optional(),
};
export const meshQuoteAddSchema = z.object({ modelId: id, ...quoteFields }).strict();
export type MeshQuoteAdd = z.output<typeof meshQuoteAddSchema>;
export const meshQuoteUpdateSchema = z
  .object({
    id,
    factory: quoteFields.factory.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    unitPrice: quoteFields.unitPrice.optional(),
    moq: quoteFields.moq.optional(),
    leadDays: quoteFields.leadDays.optional(),
    notes: z.string().max(2000).optional(),
    receivedAt: quoteFields.receivedAt,
  })
  .strict();
export type MeshQuoteUpdate = z.output<typeof meshQuoteUpdateSchema>;

/** A backend as the picker shows it: what it costs and, when it cannot run now, the one action that makes it usable. */
export interface MeshBackendOption {
  backend: MeshBackend;
  via: MeshVia;
  usable: boolean;
  /** Whose readiness it depends on (null: Meshy's own key, which only its worker reads). */
  provider: ChoiceProvider | null;
  action: ChoiceAction | null;
  /** credits: KingJam Cloud; own-key: billed by the user's provider; free: this computer or their ComfyUI. */
  billing: Billing;
  credits: number;
  /** The offline model: a relief made on this computer, labelled a draft. */
  draft: boolean;
}

export interface MeshCandidateView {
  id: string;
  backend: MeshBackend;
  via: MeshVia;
  status: MeshCandidateStatus;
  jobId: string | null;
  draft: boolean;
  /** The model the backend ran, once made. */
  model: string | null;
  estimatedCredits: number;
  /** 0–100 once checked. */
  score: number | null;
  report: MeshCheckReport | null;
  material: MaterialEstimate | null;
  /** The candidate GLB and its decimated preview with the problem overlay, as library paths (mediaUrl). */
  glb: string | null;
  preview: string | null;
  error: ErrorInfo | null;
  createdAt: number;
}

export interface MeshPreparedView {
  id: string;
  candidateId: string;
  status: MeshStepStatus;
  jobId: string | null;
  options: { targetTriangles?: number; hollowWallMm?: number; baseMm?: number; formats: MeshFormat[] };
  files: { format: MeshFormat; file: string; bytes: number; sha256: string }[];
  before: MeshCheckReport | null;
  after: MeshCheckReport | null;
  material: MaterialEstimate | null;
  preview: string | null;
  error: ErrorInfo | null;
  createdAt: number;
}

export interface MeshPackView {
  id: string;
  preparedId: string;
  status: MeshStepStatus;
  jobId: string | null;
  language: MeshLanguage;
  quantity: number;
  factories: { name: string; contact: string }[];
  /** The ZIP inside the library folder (mediaUrl; download), once written. */
  file: string | null;
  bytes: number | null;
  entries: string[];
  error: ErrorInfo | null;
  createdAt: number;
}

export interface MeshQuoteView {
  id: string;
  modelId: string;
  factory: string;
  currency: string;
  unitPrice: number;
  moq: number;
  leadDays: number;
  notes: string;
  receivedAt: number;
}

/** A model in a list (the builder, a character's page). */
export interface MeshModelSummary {
  id: string;
  name: string;
  characterId: string | null;
  status: MeshModelStatus;
  sizeMm: number;
  process: PrintProcess;
  /** The best checked candidate's score, or null before any is checked. */
  bestScore: number | null;
  /** The source image (thumbnail) and the selected candidate's preview GLB, as library paths. */
  image: string;
  preview: string | null;
  candidates: number;
  updatedAt: number;
}

export interface MeshModelView extends Omit<MeshModelSummary, 'candidates'> {
  source: { kind: 'asset' | 'path'; value: string };
  candidates: MeshCandidateView[];
  /** The best-scored checked candidate; the one used unless the user chose another. */
  bestId: string | null;
  chosenId: string | null;
  selectedId: string | null;
  /** Newest first. */
  prepared: MeshPreparedView[];
  packs: MeshPackView[];
  quotes: MeshQuoteView[];
  createdAt: number;
}

export const meshCalls = {
  /** Every backend and payer, priced, with what each needs to run. */
  'mesh.backends': call<MeshBackendOption[]>()(z.object({}).strict()),
  /** What a make with these backends costs (credits on KingJam Cloud; own key and local lines at 0). */
  'mesh.estimate': call<Estimate>()(z.object({ backends: backendChoices }).strict()),
  /** A new model: one mesh.make per backend; each candidate is checked when made. */
  'mesh.make': call<MeshModelView>()(meshMakeRequestSchema),
  'mesh.models': call<MeshModelSummary[]>()(
    z.object({ characterId: id.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  ),
  'mesh.model': call<MeshModelView>()(z.object({ id }).strict()),
  /** Use this candidate instead of the best-scored one. */
  'mesh.choose': call<MeshModelView>()(z.object({ id, candidateId: id }).strict()),
  'mesh.prepare': call<MeshModelView>()(meshPrepareRequestSchema),
  'mesh.pack': call<MeshModelView>()(meshPackRequestSchema),
  'mesh.delete': call<{ deleted: true }>()(z.object({ id }).strict()),
  'mesh.quoteAdd': call<MeshQuoteView>()(meshQuoteAddSchema),
  'mesh.quoteUpdate': call<MeshQuoteView>()(meshQuoteUpdateSchema),
  'mesh.quoteDelete': call<{ deleted: true }>()(z.object({ id }).strict()),
} as const;

export type MeshCallName = keyof typeof meshCalls;

/** Pushed when one of the 3D builder's records changed; the page reloads what it shows. */
export interface MeshChangedEvent {
  id: string;
}
