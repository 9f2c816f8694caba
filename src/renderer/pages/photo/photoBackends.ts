import { MOTION_BACKENDS, PHOTO_BACKENDS, REPAIR_BACKENDS, type MotionBackend, type PhotoBackend, type PhotoVia, type RepairBackend } from '../../../shared/photo/requests.js';
import type { ChoiceProvider, ChoiceStatus, RunMode } from '../../../shared/providers.js';
import type { MessageKey } from '../../i18n/index.js';
import { RUN_KINDS } from '../generate/modelChoice.js';

/**
 * The photo studio's backends as the user picks them: each image model through
 * KingJam Cloud (credits) or the user's own key, and the offline compositor and
 * ComfyUI on this machine (and, for motion, the local background-only motion).
 * A choice is `offline`, `comfyui`, `local` or `<backend>:<via>`.
 */
export type Backend = PhotoBackend | RepairBackend | MotionBackend;
export interface BackendChoice<B extends Backend = Backend> {
  value: string;
  backend: B;
  via: PhotoVia;
  mode: RunMode;
  /** The provider choice (providers.choices) whose status says whether it can run now. */
  provider: ChoiceProvider;
}

export const BACKEND_KEYS: Record<Backend, MessageKey> = {
  offline: 'photo.backend.offline',
  comfyui: 'photo.backend.comfyui',
  gemini: 'photo.backend.gemini',
  seedream: 'photo.backend.seedream',
  'flux-kontext': 'photo.backend.flux-kontext',
  replicate: 'photo.backend.replicate',
  local: 'photo.backend.local',
  kling: 'photo.backend.kling',
  veo: 'photo.backend.veo',
  seedance: 'photo.backend.seedance',
};

const isLocal = (b: Backend): boolean => b === 'offline' || b === 'comfyui' || b === 'local';
/** Whose key runs a model online: Gemini's own (the image model, Veo), or Replicate's for Seedream, FLUX Kontext, face restoration, Kling and Seedance. */
const keyProviderOf = (b: Backend): ChoiceProvider => (b === 'gemini' || b === 'veo' ? 'gemini' : 'replicate');

function choicesOf<B extends Backend>(backends: readonly B[]): BackendChoice<B>[] {
  return backends.flatMap((backend): BackendChoice<B>[] =>
    isLocal(backend)
      ? [{ value: backend, backend, via: 'cloud', mode: 'local', provider: backend === 'comfyui' ? 'comfyui' : 'offline' }]
      : [
          { value: `${backend}:cloud`, backend, via: 'cloud', mode: 'cloud', provider: 'cloud' },
          { value: `${backend}:own-key`, backend, via: 'own-key', mode: 'own-key', provider: keyProviderOf(backend) },
        ],
  );
}

/** The time-space puzzle's and the makeover's backends, the repair's, and the motion's. */
export const PHOTO_CHOICES: BackendChoice<PhotoBackend>[] = choicesOf(PHOTO_BACKENDS);
export const REPAIR_CHOICES: BackendChoice<RepairBackend>[] = choicesOf(REPAIR_BACKENDS);
export const MOTION_CHOICES: BackendChoice<MotionBackend>[] = choicesOf(MOTION_BACKENDS);

export function groupedChoices<B extends Backend>(choices: BackendChoice<B>[]): { mode: RunMode; choices: BackendChoice<B>[] }[] {
  return RUN_KINDS.map((mode) => ({ mode, choices: choices.filter((c) => c.mode === mode) })).filter((g) => g.choices.length > 0);
}

/** Whether a choice can run now; offline always can, and until the statuses arrive nothing else counts as blocked. */
export function isUsable(choice: BackendChoice, statuses: ChoiceStatus[] | null): boolean {
  if (choice.provider === 'offline' || statuses === null) return true;
  return statuses.find((s) => s.provider === choice.provider)?.usable ?? false;
}

/** The user's pick while it can run, else the first usable one (offline for the puzzle, the local motion for motion). */
export function settledBackend<B extends Backend>(picked: string | null, choices: BackendChoice<B>[], statuses: ChoiceStatus[] | null): BackendChoice<B> {
  const found = choices.find((c) => c.value === picked);
  if (found && isUsable(found, statuses)) return found;
  return choices.find((c) => c.provider === 'offline') ?? choices.find((c) => isUsable(c, statuses)) ?? choices[0]!;
}
