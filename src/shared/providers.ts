import type { ComfyWorkflowKind, NamedInput } from './comfy-workflow.js';
import type { ErrorInfo } from './errors.js';

/** AI providers as Settings shows them: what is set up, from where, and what a connection test found. */
export const KEYED_PROVIDERS = { gemini: 'GEMINI_API_KEY', replicate: 'REPLICATE_API_TOKEN' } as const;
export const LOCAL_PROVIDERS = { comfyui: 'KINGJAM_COMFYUI_URL', ollama: 'KINGJAM_OLLAMA_URL' } as const;
/** The workflow files a ComfyUI server runs, as "Save (API format)" JSON paths. */
export const COMFY_WORKFLOW_ENV = { image: 'KINGJAM_COMFYUI_IMAGE_WORKFLOW', video: 'KINGJAM_COMFYUI_VIDEO_WORKFLOW' } as const satisfies Record<ComfyWorkflowKind, string>;
export type KeyedProvider = keyof typeof KEYED_PROVIDERS;
export type LocalProvider = keyof typeof LOCAL_PROVIDERS;
/** Where each local server listens out of the box. */
export const LOCAL_DEFAULT_URLS: Record<LocalProvider, string> = { comfyui: 'http://127.0.0.1:8188', ollama: 'http://127.0.0.1:11434' };

export interface ProviderStatus {
  id: KeyedProvider | LocalProvider | 'offline';
  configured: boolean;
  /** Where the key or address comes from: the secret store, the environment, or Settings (local servers). */
  source: 'keychain' | 'env' | 'settings' | 'built-in' | null;
  /** For local servers: the address; for keys: the last four characters only. */
  detail: string | null;
  /** For ComfyUI: the workflows loaded (imported in Settings, or named by the environment), by file name, with the named inputs found in each. */
  workflows?: Partial<Record<ComfyWorkflowKind, ComfyWorkflowInfo>>;
}

export interface ComfyWorkflowInfo {
  name: string;
  inputs: NamedInput[];
  /** Set by this environment variable rather than imported: Settings cannot remove it. */
  env?: string;
}

export interface ConnectionCheck {
  ok: boolean;
  provider: string;
  detail?: string;
  models?: { id: string; capability: string; label: string; available?: boolean }[];
  error?: ErrorInfo;
}

/** Where main puts KingJam Cloud's address and a job's generation token among that job's worker secrets (minted per job, never in a process environment or on disk). */
export const CLOUD_GEN_SECRETS = { url: 'KINGJAM_CLOUD_GEN_URL', token: 'KINGJAM_CLOUD_GEN_TOKEN' } as const;
