import { OAUTH_PLATFORMS, type Platform } from '../../shared/partners.js';
import type { Translate } from '../i18n/index.js';

/** What the Connections page can connect: the OAuth platforms and WordPress. */
export const PLATFORMS: Platform[] = [...OAUTH_PLATFORMS, 'wordpress'];

/** The platform's name in the current language (a platform the app does not know keeps its id). */
export function platformLabel(platform: string, t: Translate): string {
  return (PLATFORMS as string[]).includes(platform) ? t(`connections.platform.${platform as Platform}`) : platform;
}
