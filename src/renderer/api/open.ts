import type { OpenTarget } from '../../shared/api/contract.js';
import { api } from './index.js';

export type { OpenTarget } from '../../shared/api/contract.js';

/** Where a target opens in a browser tab: the link itself, or a library file through the bridge's media route. */
export function hrefOf(target: OpenTarget): string {
  return target.kind === 'url' ? target.url : api().mediaUrl(target.path);
}

/**
 * Opens a link or a library file. The desktop hands it to the shell (system.open):
 * its window denies new windows. A browser opens a new tab at once, while the
 * click still counts as the user's (a tab opened after a round trip may be blocked).
 * Says where it went.
 */
export async function openTarget(target: OpenTarget): Promise<'shell' | 'tab'> {
  if (api().shell === 'electron') {
    const { opened } = await api().call('system.open', target);
    if (opened) return 'shell';
  }
  window.open(hrefOf(target), '_blank', 'noopener,noreferrer');
  return 'tab';
}
