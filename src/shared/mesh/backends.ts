import { KEYED_PROVIDERS } from '../providers.js';
/**
 * Where an image becomes a 3D model (issue 16, the 3D builder's first step).
 * Every backend returns one candidate GLB; the candidates are checked and
 * scored (./report.ts) and the best is picked by default.
 */
export const MESH_BACKENDS = ['offline', 'trellis', 'hunyuan3d', 'meshy', 'comfyui'] as const;
export type MeshBackend = (typeof MESH_BACKENDS)[number];

/** Who pays a paid backend: KingJam Cloud credits through the gateway, or the user's own key (no credits). */
export const MESH_VIA = ['cloud', 'own'] as const;
export type MeshVia = (typeof MESH_VIA)[number];

/** Backends whose result is a draft made on this machine (labelled as such everywhere). */
export const DRAFT_MESH_BACKENDS: readonly MeshBackend[] = ['offline'];

/** Backends that run on KingJam Cloud's Replicate mount or the user's own Replicate key; each names its catalogue model (src/shared/models.ts). */
export const MESH_REPLICATE_MODELS = {
  trellis: 'firtoz/trellis',
  hunyuan3d: 'tencent/hunyuan3d-2',
} as const satisfies Partial<Record<MeshBackend, string>>;
export type ReplicateMeshBackend = keyof typeof MESH_REPLICATE_MODELS;

export function isReplicateMeshBackend(backend: MeshBackend): backend is ReplicateMeshBackend {
  return backend in MESH_REPLICATE_MODELS;
}

/** Meshy is reached with the user's own key only (KingJam Cloud does not resell it): the provider-key secret workers get. */
export const MESHY_KEY_ENV = KEYED_PROVIDERS.meshy;
/** Where Meshy's API is (a test's loopback fake sets it; the studio never does). */
export const MESHY_BASE_URL_ENV = 'KINGJAM_MESHY_BASE_URL';
/** A ComfyUI 3D workflow in API format, for jobs that name none (the CLI's way, as COMFY_WORKFLOW_ENV is for images). */
export const COMFY_MESH_WORKFLOW_ENV = 'KINGJAM_COMFYUI_3D_WORKFLOW';

/** The model id a result names for the backends that have no catalogue entry. */
export const MESH_LOCAL_MODELS = {
  offline: 'offline-relief',
  meshy: 'meshy-image-to-3d',
  comfyui: 'workflow:3d',
} as const satisfies Partial<Record<MeshBackend, string>>;

/** How each backend is paid for, for the page's and the CLI's cost line: credits or the user's Replicate key; Meshy's own account; nothing. */
export type MeshBilling = 'cloud-or-own' | 'meshy-own' | 'free';
export const MESH_BILLING: Record<MeshBackend, MeshBilling> = {
  offline: 'free',
  trellis: 'cloud-or-own',
  hunyuan3d: 'cloud-or-own',
  meshy: 'meshy-own',
  comfyui: 'free',
};
