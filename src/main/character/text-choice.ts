import type { ConceptProvider, ReferenceProvider, VariantBackend } from '../../shared/creator/jobs.js';
import type { PhotoVia } from '../../shared/photo/requests.js';
import { textCredits } from '../../shared/pricing.js';
import type { ChoiceProvider } from '../../shared/providers.js';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import { requireUsable } from '../generate/refusals.js';

/**
 * Refusals before any job exists (a job never starts only to fail for a
 * missing key): the provider must be usable now — signed in with credits,
 * a key, Ollama answering, ComfyUI set up — with the generators' own
 * messages (src/main/generate/refusals.ts), and work on KingJam Cloud must
 * be payable.
 */
export async function textChoiceReady(d: Pick<CreatorHubDeps, 'availability' | 'cloud'>, provider: ConceptProvider, model: string | undefined): Promise<void> {
  await requireUsable([[provider]], (p) => d.availability.of(p));
  if (provider === 'cloud') await d.cloud.preflight(textCredits({ provider, model }), []);
}

/** Whose availability an image-editing backend needs: the cloud, the user's Gemini or Replicate key, or ComfyUI. */
export function variantProvider(backend: VariantBackend, via: PhotoVia): ChoiceProvider {
  if (backend === 'comfyui') return 'comfyui';
  if (via === 'cloud') return 'cloud';
  return backend === 'gemini' ? 'gemini' : 'replicate';
}

export async function variantChoiceReady(d: Pick<CreatorHubDeps, 'availability' | 'cloud'>, backend: VariantBackend, via: PhotoVia, credits: number): Promise<void> {
  const provider = variantProvider(backend, via);
  await requireUsable([[provider]], (p) => d.availability.of(p));
  if (provider === 'cloud' && credits > 0) await d.cloud.preflight(credits, []);
}

/** A first reference drawn by an image provider: usable now, and on KingJam Cloud payable (one image, credits held at the gateway). */
export async function referenceChoiceReady(d: Pick<CreatorHubDeps, 'availability' | 'cloud'>, provider: ReferenceProvider, credits: number): Promise<void> {
  await requireUsable([[provider]], (p) => d.availability.of(p));
  if (provider === 'cloud' && credits > 0) await d.cloud.preflight(credits, []);
}
