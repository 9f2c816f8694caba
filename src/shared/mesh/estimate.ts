import { modelCredits } from '../call-prices.js';
import { currentModel } from '../models.js';
import type { CostLine, Estimate } from '../pricing.js';
import { MESH_BILLING, MESH_REPLICATE_MODELS, isReplicateMeshBackend, type MeshBackend, type MeshVia } from './backends.js';

/**
 * What one image → 3D candidate costs before it is made (issue 16), from the
 * one model catalogue, so the estimate, the job's hold and the gateway's
 * charge agree:
 * - TRELLIS and Hunyuan3D-2 on KingJam Cloud: the catalogue model's price per model (credits);
 *   on the user's own Replicate key the same line at 0 credits (billed by Replicate);
 * - Meshy: the user's own Meshy account only, a line at 0 credits (billed by Meshy);
 * - ComfyUI (the user's GPU) and the offline relief: no line at all.
 * A model the service retired is priced as its successor, as the gateway charges it.
 */

/** The line labels; the page says them as `meshsrc.line.<backend>`, the CLI with costText(). */
export const MESH_LINES: Record<MeshBackend, string> = {
  offline: 'mesh.offline',
  trellis: 'mesh.trellis',
  hunyuan3d: 'mesh.hunyuan3d',
  meshy: 'mesh.meshy',
  comfyui: 'mesh.comfyui',
};

/** Credits one candidate of a Replicate backend costs on KingJam Cloud. */
export function meshModelCredits(backend: keyof typeof MESH_REPLICATE_MODELS): number {
  const id = MESH_REPLICATE_MODELS[backend];
  const model = currentModel('replicate', id);
  if (!model) throw new Error(`the catalogue has no current model for ${id}`);
  return modelCredits(model, 1);
}

export function meshEstimate(input: { backend: MeshBackend; via: MeshVia }): Estimate {
  const lines: CostLine[] = [];
  const billing = MESH_BILLING[input.backend];
  if (billing === 'meshy-own') lines.push({ label: MESH_LINES[input.backend], credits: 0, billing: 'own-key' });
  else if (isReplicateMeshBackend(input.backend)) {
    lines.push(input.via === 'cloud' ? { label: MESH_LINES[input.backend], credits: meshModelCredits(input.backend), billing: 'credits' } : { label: MESH_LINES[input.backend], credits: 0, billing: 'own-key' });
  }
  return { total: lines.reduce((sum, l) => sum + l.credits, 0), lines };
}

/** Who a candidate is billed to, as the page and the CLI name it (`meshsrc.cost.<kind>`). */
export type MeshCostKind = 'credits' | 'replicate' | 'meshy' | 'free';

export function meshCostKind(input: { backend: MeshBackend; via: MeshVia }): MeshCostKind {
  const billing = MESH_BILLING[input.backend];
  if (billing === 'free') return 'free';
  if (billing === 'meshy-own') return 'meshy';
  return input.via === 'cloud' ? 'credits' : 'replicate';
}

/** The CLI's one-line cost (English, as every CLI line is; the page uses `meshsrc.cost.<kind>` with the same numbers). */
export function meshCostText(input: { backend: MeshBackend; via: MeshVia }): string {
  const kind = meshCostKind(input);
  if (kind === 'credits') return `${meshEstimate(input).total} credits (KingJam Cloud)`;
  if (kind === 'replicate') return 'billed by Replicate to your own key';
  if (kind === 'meshy') return 'billed by Meshy to your own key';
  return 'free (runs on this computer or your ComfyUI)';
}
