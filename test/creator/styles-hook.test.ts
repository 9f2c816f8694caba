import { describe, expect, it } from 'vitest';
import { lockedStyleResolver } from '../../src/main/character/styles.js';
import type { StyleArea } from '../../src/main/style/index.js';
import { characterJobKinds } from '../../src/shared/creator/jobs.js';
import { StudioError } from '../../src/shared/errors.js';
import { variantPrompt } from '../../src/workers/creator/variant-prompt.js';

/**
 * The one place characters read a locked style: the Style-Locker's
 * resolveLocked as its branch answers it (a synchronous call; the IP-Adapter
 * with its image; up to ten references), validated into what a variant job carries.
 */
const APPLIED = {
  styleId: 'st1',
  name: 'Pastel ink',
  promptFragment: 'pastel palette, thick ink outlines, soft rim light',
  negativePrompt: 'photorealistic, 3d render',
  seed: 77,
  referencePaths: Array.from({ length: 10 }, (_, i) => `/lib/style/ref-${i}.png`),
  comfy: { lora: { name: 'pastel-ink.safetensors', strength: 0.8 }, ipAdapter: { weight: 0.6, image: '/lib/style/ref-0.png' } },
};

function area(resolveLocked?: (id: string) => unknown): StyleArea {
  return (resolveLocked ? { resolveLocked } : {}) as StyleArea;
}

describe('the locked-style hook', () => {
  it('reads the Style-Locker’s answer into the variant job’s style, which the job’s schema accepts', async () => {
    const style = await lockedStyleResolver(area(() => APPLIED))('st1');
    expect(style).toMatchObject({ styleId: 'st1', promptFragment: APPLIED.promptFragment, negativePrompt: APPLIED.negativePrompt, seed: 77 });
    expect(style!.referencePaths).toHaveLength(10);
    const payload = characterJobKinds['character.variants'].payload.parse({
      name: 'Mira', look: '', kind: 'pose', instruction: 'waving', references: ['/lib/a.png'], style, backend: 'gemini', count: 1, outDir: '/tmp/x',
    });
    expect(payload.style?.comfy).toEqual(APPLIED.comfy);
    // The name rides along for a notice about the style (ComfyUI without IP-Adapter nodes).
    expect(payload.style?.name).toBe('Pastel ink');
    // Two of the ten go with a variant, and the prompt names them.
    expect(variantPrompt({ name: 'Mira', look: '', kind: 'pose', instruction: 'waving', references: 1, style: payload.style, sheet: false })).toContain('The last 2 images show the locked art style');
  });

  it('makes variants without a style when the studio resolves none or the style is gone, and refuses one that is not locked', async () => {
    expect(await lockedStyleResolver(area())('st1')).toBeNull();
    const gone = lockedStyleResolver(area(() => {
      throw new StudioError({ code: 'NOT_FOUND', message: 'no such style' });
    }));
    expect(await gone('st1')).toBeNull();
    const unlocked = lockedStyleResolver(area(() => {
      throw new StudioError({ code: 'CONFLICT', message: 'The style "Pastel ink" is not locked.' });
    }));
    await expect(unlocked('st1')).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
