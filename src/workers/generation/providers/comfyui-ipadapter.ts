import type { ComfyWorkflow } from '../../../shared/comfy-workflow.js';
import { progressLabel, type ProgressLabel } from '../../../shared/progress-labels.js';
import type { CharacterAdapter, ImageInput, StyleAdapter } from './types.js';

/**
 * Reference images carried into the user's ComfyUI workflow through an
 * IP-Adapter (the ComfyUI_IPAdapter_plus nodes): a LoadImage of each
 * uploaded reference (several joined by core ImageBatch nodes), an
 * IPAdapterUnifiedLoader on the workflow's model, and an IPAdapterAdvanced
 * between that model and every sampler that used it. A locked style's
 * reference is applied as "style transfer" (its look, not its subject); a
 * character's references as "linear" (the subject itself). Applied twice,
 * the second adapter chains after the first. The user's export is not
 * changed; the nodes are added to this run's copy.
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
 * "style transfer" takes the reference's look, not its composition or
 * subject; "linear" takes everything the reference shows (a character).
 */
export type IpAdapterWeightType = 'style transfer' | 'linear';

export interface IpAdapterUse {
  /** Uploaded file names (LoadImage's "subfolder/name"), at least one. */
  images: string[];
  weight: number;
  weightType: IpAdapterWeightType;
  /** Names the added nodes in ComfyUI's UI ("style", "character"). */
  label: string;
}

/**
 * The graph with the IP-Adapter wired in front of its samplers, or null when
 * it has no sampler model (samplerModel). New node ids continue after the
 * largest numeric id, so none collides.
 */
export function withIpAdapter(graph: Graph, use: IpAdapterUse): Graph | null {
  const model = samplerModel(graph);
  if (!model || use.images.length === 0) return null;
  let next = Math.max(0, ...Object.keys(graph).map(Number).filter(Number.isFinite)) + 1;
  const id = (): string => String(next++);
  const out = structuredClone(graph);
  // Each reference is loaded by its own node; ImageBatch (a core node) joins them into the one IMAGE input the adapter takes.
  let image: Link | null = null;
  for (const [i, file] of use.images.entries()) {
    const load = id();
    out[load] = { class_type: 'LoadImage', inputs: { image: file }, _meta: { title: `KingJam ${use.label} reference${use.images.length > 1 ? ` ${i + 1}` : ''}` } };
    if (!image) image = [load, 0];
    else {
      const batch = id();
      out[batch] = { class_type: 'ImageBatch', inputs: { image1: image, image2: [load, 0] }, _meta: { title: `KingJam ${use.label} references` } };
      image = [batch, 0];
    }
  }
  const [loader, apply] = [id(), id()];
  for (const node of Object.values(out)) {
    const m = node.inputs.model;
    if (SAMPLER.test(node.class_type) && isLink(m) && m[0] === model[0] && m[1] === model[1]) node.inputs.model = [apply, 0];
  }
  out[loader] = { class_type: 'IPAdapterUnifiedLoader', inputs: { model: [...model], preset: IP_ADAPTER_PRESET }, _meta: { title: `KingJam ${use.label} IP-Adapter loader` } };
  out[apply] = {
    class_type: 'IPAdapterAdvanced',
    inputs: {
      model: [loader, 0],
      ipadapter: [loader, 1],
      image: image!,
      weight: use.weight,
      weight_type: use.weightType,
      combine_embeds: 'concat',
      start_at: 0,
      end_at: 1,
      embeds_scaling: 'V only',
    },
    _meta: { title: `KingJam ${use.label} IP-Adapter` },
  };
  return out;
}

/** What carryAdapters needs from the provider: its /object_info, its /upload/image, and the job's notices. */
export interface AdapterIo {
  objectInfo(): Promise<Record<string, unknown>>;
  upload(image: ImageInput): Promise<string>;
  notice(label: ProgressLabel): void;
}

/**
 * A request's IP-Adapter references (a character's, then a locked style's)
 * wired into the graph when this ComfyUI has the nodes; without them, or
 * without a sampler to put them in front of, the run goes on without them
 * (the prompt still carries the character's look and the style's fragment)
 * and each says so. Nothing is uploaded unless it will be used.
 */
export async function carryAdapters(graph: Graph, adapters: { character?: CharacterAdapter | undefined; style?: StyleAdapter | undefined }, io: AdapterIo): Promise<Graph> {
  const { character, style } = adapters;
  if (!character && !style) return graph;
  const missing = missingIpAdapterNodes(await io.objectInfo());
  const noSampler = !samplerModel(graph);
  if (missing.length || noSampler) {
    const nodes = missing.join(', ');
    if (character) io.notice(noSampler && !missing.length ? progressLabel('characterAdapterNoSampler', { character: character.characterName }) : progressLabel('characterAdapterMissing', { nodes, character: character.characterName }));
    if (style) io.notice(noSampler && !missing.length ? progressLabel('styleAdapterNoSampler', { style: style.styleName }) : progressLabel('styleAdapterMissing', { nodes, style: style.styleName }));
    return graph;
  }
  let out = graph;
  // The character goes next to the model and the style after it, so the style's look is applied to the character.
  if (character) {
    const images = [];
    for (const image of character.images) images.push(await io.upload(image));
    out = withIpAdapter(out, { images, weight: character.weight, weightType: 'linear', label: 'character' }) ?? out;
  }
  if (style) out = withIpAdapter(out, { images: [await io.upload(style.image)], weight: style.weight, weightType: 'style transfer', label: 'style' }) ?? out;
  return out;
}
