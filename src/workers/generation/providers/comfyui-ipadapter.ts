import type { ComfyWorkflow } from '../../../shared/comfy-workflow.js';

/**
 * A locked style's reference image carried into the user's ComfyUI workflow
 * through an IP-Adapter (the ComfyUI_IPAdapter_plus nodes): a LoadImage of
 * the uploaded reference, an IPAdapterUnifiedLoader on the workflow's model,
 * and an IPAdapterAdvanced between that model and every sampler that used
 * it. The user's export is not changed; the nodes are added to this run's copy.
 */

type Graph = ComfyWorkflow['graph'];

/** The node classes the graph needs; `GET /object_info` lists a ComfyUI's installed ones. */
export const IP_ADAPTER_NODES = ['IPAdapterUnifiedLoader', 'IPAdapterAdvanced'] as const;

/**
 * The unified loader's preset: "PLUS (high strength)" works with SD1.5 and
 * SDXL checkpoints (the "LIGHT" and "FULL FACE" presets are SD1.5-only, the
 * "FACE" ones are for portraits, not a style).
 */
export const IP_ADAPTER_PRESET = 'PLUS (high strength)';

/** Which of the nodes `/object_info` (a map of installed node classes) lacks. */
export function missingIpAdapterNodes(objectInfo: Record<string, unknown>): string[] {
  return IP_ADAPTER_NODES.filter((n) => !(n in objectInfo));
}

type Link = [string, number];

function isLink(v: unknown): v is Link {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'number';
}

/** Samplers and guiders take the model they denoise with on their `model` input. */
const SAMPLER = /sampler|guider/i;

/** The model output the first sampler denoises with; null when no sampler takes one from a node (a workflow we cannot safely rewire). */
export function samplerModel(graph: Graph): Link | null {
  const model = Object.values(graph).find((n) => SAMPLER.test(n.class_type) && isLink(n.inputs.model))?.inputs.model;
  return isLink(model) ? model : null;
}

/**
 * The graph with the IP-Adapter wired in front of its samplers, or null when
 * it has no sampler model (samplerModel). New node ids continue after the
 * largest numeric id, so none collides.
 */
export function withIpAdapter(graph: Graph, image: string, weight: number): Graph | null {
  const model = samplerModel(graph);
  if (!model) return null;
  const next = Math.max(0, ...Object.keys(graph).map(Number).filter(Number.isFinite)) + 1;
  const [load, loader, apply] = [String(next), String(next + 1), String(next + 2)];
  const out = structuredClone(graph);
  for (const node of Object.values(out)) {
    const m = node.inputs.model;
    if (SAMPLER.test(node.class_type) && isLink(m) && m[0] === model[0] && m[1] === model[1]) node.inputs.model = [apply, 0];
  }
  out[load] = { class_type: 'LoadImage', inputs: { image }, _meta: { title: 'KingJam style reference' } };
  out[loader] = { class_type: 'IPAdapterUnifiedLoader', inputs: { model: [...model], preset: IP_ADAPTER_PRESET }, _meta: { title: 'KingJam style IP-Adapter loader' } };
  out[apply] = {
    class_type: 'IPAdapterAdvanced',
    inputs: {
      model: [loader, 0],
      ipadapter: [loader, 1],
      image: [load, 0],
      weight,
      // "style transfer" takes the reference's look, not its composition or subject.
      weight_type: 'style transfer',
      combine_embeds: 'concat',
      start_at: 0,
      end_at: 1,
      embeds_scaling: 'V only',
    },
    _meta: { title: 'KingJam style IP-Adapter' },
  };
  return out;
}
