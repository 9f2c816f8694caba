import { lockedStyleSchema, type LockedStyle } from '../../shared/creator/jobs.js';
import type { StyleArea } from '../style/index.js';

/**
 * The one place characters read a locked style: the Style-Locker's
 * `resolveLocked(styleId)` (issue 16, the style area) → { promptFragment,
 * negativePrompt, seed, referencePaths, comfy: { lora?, ipAdapter? } }. The
 * answer is validated here, so a variant job only ever carries a style it can
 * use; a studio whose style area does not resolve styles yet (or a style that
 * is gone) makes variants without one.
 */
export type LockedStyleResolver = (styleId: string) => Promise<LockedStyle | null>;

export function lockedStyleResolver(styles: StyleArea): LockedStyleResolver {
  const area = styles as { resolveLocked?: unknown };
  const resolve = area.resolveLocked;
  if (typeof resolve !== 'function') return async () => null;
  return async (styleId) => {
    const answer: unknown = await (resolve as (id: string) => unknown).call(styles, styleId);
    if (answer === null || answer === undefined) return null;
    const parsed = lockedStyleSchema.safeParse({ styleId, ...(answer as object) });
    return parsed.success ? parsed.data : null;
  };
}
