import type { MeshBackendChoice, MeshBackendOption } from '../../shared/api/mesh-contract.js';
import { DRAFT_MESH_BACKENDS, MESH_BACKENDS, MESH_BILLING, MESH_VIA, type MeshBackend, type MeshVia } from '../../shared/mesh/backends.js';
import { meshEstimate } from '../../shared/mesh/estimate.js';
import type { Estimate } from '../../shared/pricing.js';
import type { ChoiceProvider } from '../../shared/providers.js';
import { requireUsable as requireProvidersUsable } from '../generate/refusals.js';
import type { ProviderAvailability } from '../providers/availability.js';

/** Backends that run on this computer or the user's own server: no payer to choose, nothing billed. */
const LOCAL: readonly MeshBackend[] = ['offline', 'comfyui'];

export function isLocalMeshBackend(backend: MeshBackend): boolean {
  return LOCAL.includes(backend);
}

/**
 * Whose readiness decides whether a backend can run: KingJam Cloud (signed
 * in, credits) for cloud work, the Replicate key for TRELLIS and Hunyuan3D on
 * the user's own key, the ComfyUI address, nothing for offline. Meshy on the
 * user's own key has no provider entry of its own: its key is checked by the
 * worker, so the picker offers it and says it is billed by Meshy.
 */
function providerOf(backend: MeshBackend, via: MeshVia): ChoiceProvider | null {
  if (backend === 'offline') return 'offline';
  if (backend === 'comfyui') return 'comfyui';
  if (via === 'cloud') return 'cloud';
  return backend === 'meshy' ? null : 'replicate';
}

/** The pairs the picker offers: local backends once, Meshy on the user's own key (KingJam Cloud does not resell it), the others both ways. */
export function allChoices(): MeshBackendChoice[] {
  return MESH_BACKENDS.flatMap((backend) => {
    if (isLocalMeshBackend(backend)) return [{ backend, via: 'cloud' as const }];
    if (MESH_BILLING[backend] === 'meshy-own') return [{ backend, via: 'own' as const }];
    return MESH_VIA.map((via) => ({ backend, via }));
  });
}

/** A local backend's payer is irrelevant: it is stored as 'cloud' (the payload's default) and never billed; Meshy is always the user's own key. */
export function normalised(choice: MeshBackendChoice): MeshBackendChoice {
  if (isLocalMeshBackend(choice.backend)) return { backend: choice.backend, via: 'cloud' };
  return MESH_BILLING[choice.backend] === 'meshy-own' ? { backend: choice.backend, via: 'own' } : choice;
}

export function estimateOf(choices: MeshBackendChoice[]): Estimate {
  const lines = choices.flatMap((c) => meshEstimate({ backend: c.backend, via: c.via }).lines);
  return { total: lines.reduce((sum, l) => sum + l.credits, 0), lines };
}

export async function backendOptions(availability: ProviderAvailability, choices = allChoices()): Promise<MeshBackendOption[]> {
  return Promise.all(
    choices.map(async ({ backend, via }) => {
      const provider = providerOf(backend, via);
      const status = provider ? await availability.of(provider) : null;
      const credits = estimateOf([{ backend, via }]).total;
      return {
        backend,
        via,
        usable: status?.usable ?? true,
        provider,
        action: status?.action ?? null,
        billing: isLocalMeshBackend(backend) ? 'free' : via === 'cloud' ? 'credits' : 'own-key',
        credits,
        draft: DRAFT_MESH_BACKENDS.includes(backend),
      } satisfies MeshBackendOption;
    }),
  );
}

/**
 * Refuses, before any job exists, a backend that cannot run now, with the one action that makes it
 * usable — said as the generators say it (sign in, buy credits, add the Replicate key, set up ComfyUI).
 */
export async function requireUsable(availability: ProviderAvailability, choices: MeshBackendChoice[]): Promise<void> {
  const needs = choices.flatMap(({ backend, via }) => {
    const provider = providerOf(backend, via);
    return provider ? [[provider]] : [];
  });
  await requireProvidersUsable(needs, (provider) => availability.of(provider));
}
