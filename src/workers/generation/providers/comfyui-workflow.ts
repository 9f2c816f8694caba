import fs from 'node:fs';
import { findSlots, NAMED_INPUTS, NO_PROMPT_NODE, parseComfyWorkflow, workflowInvalid, type ComfyWorkflow, type NamedInput } from '../../../shared/comfy-workflow.js';
import type { AspectRatio } from './types.js';
import path from 'node:path';
import { say } from '../../../shared/messages.js';

/**
 * Filling a user's exported ComfyUI workflow ("Save (API format)") with this
 * generation's values, where src/shared/comfy-workflow.ts finds the slots.
 * The exported graph is never modified in place.
 */

export type WorkflowValues = Partial<Record<NamedInput, string | number>>;
type Graph = ComfyWorkflow['graph'];

/** A copy of the graph with the values written in; fails when the workflow has nowhere to put a value it must take. */
export function fillWorkflow(workflow: ComfyWorkflow, values: WorkflowValues): Graph {
  const graph = structuredClone(workflow.graph);
  const slots = findSlots(workflow);
  if (!slots.prompt) throw workflowInvalid(NO_PROMPT_NODE, say('workflow.noPromptNode'));
  if (values.image !== undefined && !slots.image) throw workflowInvalid('this generation has an input image but the workflow has no node titled "image" (a LoadImage node).', say('workflow.noImageNode'));
  if (values.image === undefined && slots.image) throw workflowInvalid('the workflow needs an input image (its "image" node) and this generation has none.', say('workflow.needsImage'));
  for (const name of NAMED_INPUTS) {
    const value = values[name];
    if (value === undefined) continue;
    for (const slot of slots[name] ?? []) {
      const node = graph[slot.node];
      if (!node) throw workflowInvalid(`its binding for "${name}" points at node ${slot.node}, which is not in the graph.`, say('workflow.brokenBinding', { input: name, node: slot.node }));
      node.inputs[slot.input] = value;
    }
  }
  return graph;
}

/**
 * Several input images (the photo studio: each person, then the background)
 * go to the LoadImage nodes titled "image 1", "image 2", … in that order —
 * the seed's phase-2 workflow (mask → pose control → face identity →
 * generate) reads each from its own node. A workflow with too few is refused
 * before anything is uploaded.
 */
export function imageNodes(workflow: ComfyWorkflow, needed: number): string[] {
  const numbered = Object.entries(workflow.graph)
    .map(([id, node]) => ({ id, node, n: numberedImage(node) }))
    .filter((e): e is { id: string; node: Graph[string]; n: number } => e.n !== null && typeof e.node.inputs.image === 'string')
    .sort((a, b) => a.n - b.n);
  if (numbered.length < needed) {
    throw workflowInvalid(`this photo needs ${needed} input images and the workflow has ${numbered.length} LoadImage nodes titled "image 1", "image 2", ….`, say('photo.online.workflowImages', { needed, found: numbered.length }));
  }
  return numbered.slice(0, needed).map((e) => e.id);
}

function numberedImage(node: Graph[string]): number | null {
  const title = (node as { _meta?: { title?: unknown } })._meta?.title;
  const m = typeof title === 'string' ? /^(?:kingjam\s*:\s*)?image\s+(\d+)$/i.exec(title.trim()) : null;
  return m ? Number(m[1]) : null;
}

/** How many input images a workflow takes: one for an "image" node, else one per numbered "image N" node, else none. */
export function inputImageCount(workflow: ComfyWorkflow): number {
  if (findSlots(workflow).image) return 1;
  return Object.values(workflow.graph).filter((node) => numberedImage(node) !== null && typeof node.inputs.image === 'string').length;
}

/** The graph with each numbered image node given its uploaded file, in order. */
export function fillImageNodes(graph: Graph, nodes: string[], files: string[]): Graph {
  nodes.forEach((id, i) => {
    const node = graph[id];
    const file = files[i];
    if (node && file !== undefined) node.inputs.image = file;
  });
  return graph;
}

/** The workflow in a file named by an environment variable (or by main, which stores Settings' imports as files). */
export function readWorkflowFile(file: string, envVar: string): ComfyWorkflow {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw workflowInvalid(
      `cannot read ${file} (${err instanceof Error ? err.message : String(err)}).`,
      say('workflow.unreadable', { file: path.basename(file) }),
      `Set ${envVar} to the path of a workflow exported from ComfyUI with "Save (API format)", or import the workflow in Settings → AI providers → ComfyUI.`,
    );
  }
  return parseComfyWorkflow(text, file);
}

/** Width and height for an aspect ratio, multiples of 64 as latent models need. */
export function sizeFor(aspect: AspectRatio = '1:1', quality: 'standard' | 'fine' = 'standard'): { width: number; height: number } {
  const [w, h] = aspect.split(':').map(Number) as [number, number];
  const long = quality === 'fine' ? 1536 : 1024;
  const round = (n: number): number => Math.max(64, Math.round(n / 64) * 64);
  return w >= h ? { width: long, height: round((long * h) / w) } : { width: round((long * w) / h), height: long };
}
