import { StudioError } from '../../../shared/errors.js';
import type { ComfyWorkflow } from './config.js';
import type { AspectRatio } from './types.js';

/**
 * Filling a user's exported ComfyUI workflow ("Save (API format)") with this
 * generation's values. The user marks where each value goes by titling the
 * node after it (prompt, negative, seed, image, width, height — optionally
 * prefixed "kingjam:"), or Settings stores an explicit {node, input} binding.
 * The exported graph is never modified in place.
 */

export const NAMED_INPUTS = ['prompt', 'negative', 'seed', 'image', 'width', 'height'] as const;
export type NamedInput = (typeof NAMED_INPUTS)[number];
export type WorkflowValues = Partial<Record<NamedInput, string | number>>;
type Graph = ComfyWorkflow['graph'];

/** Which input of a titled node takes the value, in order of preference. */
const INPUT_KEYS: Record<NamedInput, string[]> = {
  prompt: ['text', 'prompt', 'positive', 'string', 'value'],
  negative: ['text', 'prompt', 'negative', 'string', 'value'],
  seed: ['seed', 'noise_seed', 'value'],
  image: ['image', 'value'],
  width: ['width', 'value'],
  height: ['height', 'value'],
};

/** A link to another node's output is `[nodeId, outputIndex]`; writing a literal there would cut the wire. */
function isLink(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'number';
}

function titleOf(node: Graph[string]): string {
  const meta = (node as { _meta?: { title?: unknown } })._meta;
  const title = typeof meta?.title === 'string' ? meta.title : '';
  return title.trim().toLowerCase().replace(/^(kingjam|input)\s*:\s*/, '');
}

export interface Slot {
  node: string;
  input: string;
}

/** Where each named input goes in this workflow. */
export function findSlots(workflow: ComfyWorkflow): Partial<Record<NamedInput, Slot[]>> {
  const slots: Partial<Record<NamedInput, Slot[]>> = {};
  for (const name of NAMED_INPUTS) {
    const explicit = workflow.bindings?.[name];
    if (explicit) {
      slots[name] = [explicit];
      continue;
    }
    const found: Slot[] = [];
    for (const [id, node] of Object.entries(workflow.graph)) {
      if (titleOf(node) !== name) continue;
      const key = INPUT_KEYS[name].find((k) => k in node.inputs && !isLink(node.inputs[k]));
      if (key) found.push({ node: id, input: key });
    }
    if (found.length) slots[name] = found;
  }
  // Untitled fallbacks that every stock workflow has: the latent size and the sampler seed.
  if (!slots.width || !slots.height) {
    const latent = Object.entries(workflow.graph).find(([, n]) => /EmptyLatentImage|EmptySD3LatentImage|EmptyHunyuanLatentVideo/.test(n.class_type));
    if (latent) {
      slots.width ??= [{ node: latent[0], input: 'width' }];
      slots.height ??= [{ node: latent[0], input: 'height' }];
    }
  }
  if (!slots.seed) {
    const seeds: Slot[] = [];
    for (const [id, node] of Object.entries(workflow.graph)) {
      for (const key of ['seed', 'noise_seed']) if (key in node.inputs && typeof node.inputs[key] === 'number') seeds.push({ node: id, input: key });
    }
    if (seeds.length) slots.seed = seeds;
  }
  return slots;
}

/** A copy of the graph with the values written in; fails when the workflow has nowhere to put a value it must take. */
export function fillWorkflow(workflow: ComfyWorkflow, values: WorkflowValues): Graph {
  const graph = structuredClone(workflow.graph);
  const slots = findSlots(workflow);
  if (!slots.prompt) {
    throw invalid('it has no node titled "prompt" (a CLIPTextEncode or text node) to receive the prompt.');
  }
  if (values.image !== undefined && !slots.image) throw invalid('this generation has an input image but the workflow has no node titled "image" (a LoadImage node).');
  if (values.image === undefined && slots.image) throw invalid('the workflow needs an input image (its "image" node) and this generation has none.');
  for (const name of NAMED_INPUTS) {
    const value = values[name];
    if (value === undefined) continue;
    for (const slot of slots[name] ?? []) {
      const node = graph[slot.node];
      if (!node) throw invalid(`its binding for "${name}" points at node ${slot.node}, which is not in the graph.`);
      node.inputs[slot.input] = value;
    }
  }
  return graph;
}

/** Width and height for an aspect ratio, multiples of 64 as latent models need. */
export function sizeFor(aspect: AspectRatio = '1:1', quality: 'standard' | 'fine' = 'standard'): { width: number; height: number } {
  const [w, h] = aspect.split(':').map(Number) as [number, number];
  const long = quality === 'fine' ? 1536 : 1024;
  const round = (n: number): number => Math.max(64, Math.round(n / 64) * 64);
  return w >= h ? { width: long, height: round((long * h) / w) } : { width: round((long * w) / h), height: long };
}

function invalid(detail: string): StudioError {
  return new StudioError({
    code: 'WORKFLOW_INVALID',
    message: `The ComfyUI workflow cannot be used: ${detail}`,
    hint: 'In ComfyUI, title the nodes that take the prompt, negative prompt, seed, image, width and height after them, export with "Save (API format)", and load it again in Settings.',
  });
}
