import { lockedStyleSchema, type LockedStyle } from '../../shared/creator/jobs.js';
import { StudioError } from '../../shared/errors.js';
import type { StyleArea } from '../style/index.js';

/**
 * The one place characters read a locked style: the Style-Locker's
 * `resolveLocked(styleId)` (issue 16, the style area) → { promptFragment,
 * negativePrompt, seed, referencePaths, comfy: { lora?, ipAdapter? } }. The
 * answer is validated here (it is synchronous on the style branch; awaited either way), so a variant job only ever carries a style it can
 * use; a studio whose style area does not resolve styles yet (or a style that
 * is gone) makes variants without one.
 */
export type LockedStyleResolver = (styleId: string) => Promise<LockedStyle | null>;

export function lockedStyleResolver(styles: StyleArea): LockedStyleResolver {
  const area = styles as { resolveLocked?: unknown };
  const resolve = area.resolveLocked;
  if (typeof resolve !== 'function') return async () => null;
  return async (styleId) => {
    let answer: unknown;
    try {
      answer = await (resolve as (id: string) => unknown).call(styles, styleId);
    } catch (err) {
      // A style deleted since it was locked on the character: variants go on without it. One not locked (or not extracted) is refused with its reason.
      if (err instanceof StudioError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
    if (answer === null || answer === undefined) return null;
    const parsed = lockedStyleSchema.safeParse({ styleId, ...(answer as object) });
    return parsed.success ? parsed.data : null;
  };
}
