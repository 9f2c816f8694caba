import { LINE_OA_PLATFORM, OAUTH_PLATFORMS, type Platform } from '../../shared/partners.js';
import type { Translate } from '../i18n/index.js';

/** What the Connections page can connect: the OAuth platforms, WordPress and LINE Official Accounts. */
export const PLATFORMS: Platform[] = [...OAUTH_PLATFORMS, 'wordpress', LINE_OA_PLATFORM];

/** The platform's name in the current language (a platform the app does not know keeps its id). */
export function platformLabel(platform: string, t: Translate): string {
  if (platform === LINE_OA_PLATFORM) return t('relay.platform.lineOa');
  return (PLATFORMS as string[]).includes(platform) ? t(`connections.platform.${platform as Exclude<Platform, typeof LINE_OA_PLATFORM>}`) : platform;
}
