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
