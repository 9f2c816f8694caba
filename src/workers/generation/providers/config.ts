import { z } from 'zod';
import { comfyWorkflowSchema, COMFY_WORKFLOW_KINDS } from '../../../shared/comfy-workflow.js';
import { StudioError } from '../../../shared/errors.js';
import { CLOUD_GEN_SECRETS, COMFY_WORKFLOW_ENV, GEMINI_MODEL_MAP_ENV, LOCAL_DEFAULT_URLS } from '../../../shared/providers.js';
import { readWorkflowFile } from './comfyui-workflow.js';

/**
 * Provider configuration is handed to the worker in memory by main, which
 * resolves keys from the OS keychain (or the environment). Nothing here
 * reads or writes a key file: a key lives only as long as the worker does.
 */

const url = z.string().url();
const ms = z.number().int().positive();

export const retryPolicySchema = z.object({
  /** Attempts in all, the first included. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  baseDelayMs: z.number().int().min(0).default(1000),
  maxDelayMs: z.number().int().min(0).default(20_000),
  /** A Retry-After longer than this is not waited out: the call fails with a "try again later" error. */
  maxRetryAfterMs: z.number().int().min(0).default(60_000),
});
export type RetryPolicy = z.output<typeof retryPolicySchema>;

const common = {
  timeoutMs: ms.default(120_000),
  retry: retryPolicySchema.prefault({}),
};

export const geminiConfigSchema = z.object({
  apiKey: z.string().min(1),
  baseUrl: url.optional(),
  apiVersion: z.string().default('v1beta'),
  /** Veo operations are polled at this interval. */
  pollIntervalMs: ms.default(10_000),
  /** Veo gives up after this long. */
  videoTimeoutMs: ms.default(15 * 60_000),
  /** Catalogue models this key cannot use → the model that runs instead (from the last catalogue check). */
  replacements: z.record(z.string(), z.string()).default({}),
  ...common,
});
export type GeminiConfig = z.output<typeof geminiConfigSchema>;
export type GeminiConfigInput = z.input<typeof geminiConfigSchema>;

export const replicateConfigSchema = z.object({
  apiToken: z.string().min(1),
  baseUrl: url.optional(),
  pollIntervalMs: ms.default(3_000),
  predictionTimeoutMs: ms.default(20 * 60_000),
  /** Optional: an HTTPS receiver for "completed" callbacks (a render box with a public address). Polling continues regardless. */
  webhookUrl: z.string().url().startsWith('https://').optional(),
  ...common,
});
export type ReplicateConfig = z.output<typeof replicateConfigSchema>;
export type ReplicateConfigInput = z.input<typeof replicateConfigSchema>;

export type { ComfyWorkflow } from '../../../shared/comfy-workflow.js';

export const comfyuiConfigSchema = z.object({
  baseUrl: url.default(LOCAL_DEFAULT_URLS.comfyui),
  workflows: z.object({ image: comfyWorkflowSchema.optional(), video: comfyWorkflowSchema.optional() }).default({}),
  /** Workflow files that could not be loaded: a job that needs one fails with its WORKFLOW_INVALID, other jobs run. */
  workflowErrors: z.object({ image: z.instanceof(StudioError).optional(), video: z.instanceof(StudioError).optional() }).default({}),
  /** A whole workflow run may take this long. */
  runTimeoutMs: ms.default(30 * 60_000),
  ...common,
});
export type ComfyUIConfig = z.output<typeof comfyuiConfigSchema>;
export type ComfyUIConfigInput = z.input<typeof comfyuiConfigSchema>;

export const ollamaConfigSchema = z.object({
  baseUrl: url.default(LOCAL_DEFAULT_URLS.ollama),
  defaultModel: z.string().default('llama3.1'),
  ...common,
  // Local models on a laptop are slow; the default per-call timeout is longer.
  timeoutMs: ms.default(300_000),
});
export type OllamaConfig = z.output<typeof ollamaConfigSchema>;
export type OllamaConfigInput = z.input<typeof ollamaConfigSchema>;

/**
 * KingJam Cloud: the gateway's address and a generation token that main
 * mints for one job (short-lived, scoped to generation). The Gemini and
 * Replicate code runs unchanged against the gateway's mounts.
 */
export const cloudConfigSchema = z.object({
  url,
  token: z.string().min(1),
  /** Long-running work (Veo operations, Replicate predictions) is polled at this interval; each provider's own default otherwise. */
  pollIntervalMs: ms.optional(),
  ...common,
});
export type CloudConfig = z.output<typeof cloudConfigSchema>;
export type CloudConfigInput = z.input<typeof cloudConfigSchema>;

export const offlineConfigSchema = z.object({});
export type OfflineConfig = z.output<typeof offlineConfigSchema>;

export const providersConfigSchema = z.object({
  cloud: cloudConfigSchema.optional(),
  gemini: geminiConfigSchema.optional(),
  replicate: replicateConfigSchema.optional(),
  comfyui: comfyuiConfigSchema.optional(),
  ollama: ollamaConfigSchema.optional(),
  offline: offlineConfigSchema.default({}),
});
export type ProvidersConfig = z.output<typeof providersConfigSchema>;
export type ProvidersConfigInput = z.input<typeof providersConfigSchema>;

/**
 * Defaults from the environment (the variables). Main merges what the
 * keychain holds over this; a provider whose key is absent is left out, and a
 * local one only appears when its URL (for ComfyUI: or a workflow file) is set
 * (it is the user's own server).
 */
export function providersConfigFromEnv(env: Record<string, string | undefined> = process.env): ProvidersConfigInput {
  const out: ProvidersConfigInput = { offline: {} };
  const cloudUrl = env[CLOUD_GEN_SECRETS.url];
  const cloudToken = env[CLOUD_GEN_SECRETS.token];
  if (cloudUrl && cloudToken) out.cloud = { url: cloudUrl, token: cloudToken };
  if (env.GEMINI_API_KEY) {
    const replacements = modelMapFromEnv(env[GEMINI_MODEL_MAP_ENV]);
    out.gemini = { apiKey: env.GEMINI_API_KEY, ...(env.KINGJAM_GEMINI_BASE_URL ? { baseUrl: env.KINGJAM_GEMINI_BASE_URL } : {}), ...(replacements ? { replacements } : {}) };
  }
  if (env.REPLICATE_API_TOKEN) {
    out.replicate = { apiToken: env.REPLICATE_API_TOKEN, ...(env.KINGJAM_REPLICATE_BASE_URL ? { baseUrl: env.KINGJAM_REPLICATE_BASE_URL } : {}) };
  }
  const comfyui = comfyuiConfigFromEnv(env);
  if (comfyui) out.comfyui = comfyui;
  if (env.KINGJAM_OLLAMA_URL) out.ollama = { baseUrl: env.KINGJAM_OLLAMA_URL };
  return out;
}

/** The studio's last catalogue check, as JSON {from: to}; anything unreadable is ignored (the calls then go to the catalogue's own models). */
function modelMapFromEnv(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  try {
    const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(text));
    return parsed.success && Object.keys(parsed.data).length ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ComfyUI appears when its address or a workflow file is set (a workflow alone
 * means the server on its default port). A workflow file that cannot be used
 * is kept as its error rather than thrown, so only a job that needs it fails.
 */
function comfyuiConfigFromEnv(env: Record<string, string | undefined>): ComfyUIConfigInput | undefined {
  const workflows: NonNullable<ComfyUIConfigInput['workflows']> = {};
  const workflowErrors: NonNullable<ComfyUIConfigInput['workflowErrors']> = {};
  for (const kind of COMFY_WORKFLOW_KINDS) {
    const file = env[COMFY_WORKFLOW_ENV[kind]];
    if (!file) continue;
    try {
      workflows[kind] = readWorkflowFile(file, COMFY_WORKFLOW_ENV[kind]);
    } catch (err) {
      if (!(err instanceof StudioError)) throw err;
      workflowErrors[kind] = err;
    }
  }
  const url = env.KINGJAM_COMFYUI_URL;
  const loaded = Object.keys(workflows).length > 0;
  const broken = Object.keys(workflowErrors).length > 0;
  if (!url && !loaded && !broken) return undefined;
  return { ...(url ? { baseUrl: url } : {}), ...(loaded ? { workflows } : {}), ...(broken ? { workflowErrors } : {}) };
}
