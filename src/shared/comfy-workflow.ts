import { z } from 'zod';
import { StudioError } from './errors.js';
import { say, type Localized } from './messages.js';

/**
 * A user's exported ComfyUI workflow ("Save (API format)"): its shape, where
 * our named inputs go in it, and the one WORKFLOW_INVALID error for a
 * workflow we cannot use. Shared because main checks a workflow when Settings
 * imports it and the generation worker checks it again when it runs it.
 *
 * The user marks where each value goes by titling the node after it (prompt,
 * negative, seed, image, width, height — optionally prefixed "kingjam:"), or
 * gives an explicit {node, input} binding.
 */

export const COMFY_WORKFLOW_KINDS = ['image', 'video'] as const;
export type ComfyWorkflowKind = (typeof COMFY_WORKFLOW_KINDS)[number];

/** An API-format export is kilobytes; a few megabytes means the wrong file (or embedded images). */
export const COMFY_WORKFLOW_MAX_CHARS = 2_000_000;

export const NAMED_INPUTS = ['prompt', 'negative', 'seed', 'image', 'width', 'height'] as const;
export type NamedInput = (typeof NAMED_INPUTS)[number];

/** Where a named input goes in the user's workflow when the node is not titled after it. */
const bindingSchema = z.object({ node: z.string().min(1), input: z.string().min(1) });

export const comfyWorkflowSchema = z.object({
  /** The "Save (API format)" export: {nodeId: {class_type, inputs, _meta?}}. */
  graph: z.record(z.string(), z.object({ class_type: z.string(), inputs: z.record(z.string(), z.unknown()) }).loose()),
  bindings: z.partialRecord(z.enum(NAMED_INPUTS), bindingSchema).optional(),
});
export type ComfyWorkflow = z.output<typeof comfyWorkflowSchema>;
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

/** The named inputs a workflow takes, in the order Settings lists them. */
export function workflowInputs(workflow: ComfyWorkflow): NamedInput[] {
  const slots = findSlots(workflow);
  return NAMED_INPUTS.filter((name) => slots[name]);
}

export const NO_PROMPT_NODE = 'it has no node titled "prompt" (a CLIPTextEncode or text node) to receive the prompt.';

const EXPORT_HINT =
  'In ComfyUI, title the nodes that take the prompt, negative prompt, seed, image, width and height after them, export with "Save (API format)", and load it again in Settings.';

/** `said` is the same reason as a message key, for the UI. */
export function workflowInvalid(detail: string, said: Localized, hint = EXPORT_HINT): StudioError {
  return new StudioError({ code: 'WORKFLOW_INVALID', message: `The ComfyUI workflow cannot be used: ${detail}`, hint, ...said });
}

/** A file's name without its folder (this module runs in the renderer too: no node:path). */
function baseName(source: string): string {
  return source.split(/[\\/]/).pop() ?? source;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A workflow file's text as a workflow we can run, or WORKFLOW_INVALID naming
 * `source` (the file) and what is wrong. Takes the bare API-format graph
 * `{nodeId: {class_type, inputs}}` or `{graph, bindings}`.
 */
export function parseComfyWorkflow(text: string, source: string): ComfyWorkflow {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text around the error, and a workflow can hold keys or paths.
    throw workflowInvalid(`${source} is not valid JSON.`, say('workflow.notJson', { file: baseName(source) }));
  }
  // The editor's own "Save" has nodes and links instead of a graph: the most common wrong file.
  if (isRecord(json) && Array.isArray(json.nodes) && 'links' in json) {
    throw workflowInvalid(`${source} is ComfyUI's editor format (nodes and links), not the API format.`, say('workflow.editorFormat', { file: baseName(source) }));
  }
  // A bare graph has a node called "graph" at most, and a node has a class_type.
  const wrapped = isRecord(json) && isRecord(json.graph) && !('class_type' in json.graph);
  const parsed = comfyWorkflowSchema.safeParse(wrapped ? json : { graph: json });
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => {
      const at = (wrapped ? issue.path : issue.path.slice(1)).map(String).join('.');
      return `${at ? `at "${at}"` : 'at the top level'}: ${issue.message}`;
    });
    throw workflowInvalid(`${source} is not an API-format workflow — ${issues.join('; ')}.`, say('workflow.notApiFormat', { file: baseName(source) }));
  }
  if (Object.keys(parsed.data.graph).length === 0) throw workflowInvalid(`${source} has no nodes.`, say('workflow.noNodes', { file: baseName(source) }));
  if (!findSlots(parsed.data).prompt) throw workflowInvalid(`${source}: ${NO_PROMPT_NODE}`, say('workflow.noPromptNode'));
  return parsed.data;
}
