import type { ComfyWorkflowKind, NamedInput } from './comfy-workflow.js';
import type { ErrorInfo } from './errors.js';

/** AI providers as Settings shows them: what is set up, from where, and what a connection test found. */
/** Meshy is the 3D builder's own-key backend (KingJam Cloud does not resell it); its key is kept like the others. */
export const KEYED_PROVIDERS = { gemini: 'GEMINI_API_KEY', replicate: 'REPLICATE_API_TOKEN', meshy: 'MESHY_API_KEY' } as const;
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

/** A catalogue model a call is sent to another model instead of: gone from the service (retired), or not usable with this key (unavailable). */
export interface ModelReplacement {
  from: string;
  to: string;
  reason: 'retired' | 'unavailable';
}

/**
 * The stand-ins the last check of the Gemini catalogue chose (from → to),
 * handed to workers in this variable as JSON; the studio sets it after the
 * check at start and after Settings → Test.
 */
export const GEMINI_MODEL_MAP_ENV = 'KINGJAM_GEMINI_MODEL_MAP';

export interface ConnectionCheck {
  ok: boolean;
  provider: string;
  detail?: string;
  models?: { id: string; capability: string; label: string; available?: boolean }[];
  /** Catalogue models this key cannot use, and what runs in their place. */
  replaced?: ModelReplacement[];
  /** Credits left on the account, where the service says (Meshy). */
  balance?: number;
  error?: ErrorInfo;
}

/**
 * The provider choices a generator offers, by how they run: through KingJam
 * Cloud (paid in credits), on the user's own key (billed by the provider to
 * their account), or on this machine (free).
 */
export const CHOICE_PROVIDERS = ['cloud', 'gemini', 'replicate', 'ollama', 'comfyui', 'offline'] as const;
export type ChoiceProvider = (typeof CHOICE_PROVIDERS)[number];
export type RunMode = 'cloud' | 'own-key' | 'local';

/** The one thing that makes an unusable choice usable. */
export type ChoiceAction = 'sign-in' | 'add-key' | 'start-ollama' | 'set-up-comfyui' | 'buy-credits';

export interface ChoiceStatus {
  provider: ChoiceProvider;
  mode: RunMode;
  usable: boolean;
  /** Null while usable. */
  action: ChoiceAction | null;
  /** For local servers: the address probed or used. */
  address?: string;
}

export function runModeOf(provider: ChoiceProvider): RunMode {
  if (provider === 'cloud') return 'cloud';
  return provider === 'gemini' || provider === 'replicate' ? 'own-key' : 'local';
}

/** Where main puts KingJam Cloud's address and a job's generation token among that job's worker secrets (minted per job, never in a process environment or on disk). */
export const CLOUD_GEN_SECRETS = { url: 'KINGJAM_CLOUD_GEN_URL', token: 'KINGJAM_CLOUD_GEN_TOKEN' } as const;
