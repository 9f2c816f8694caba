import { RELAY_MESSAGES } from '../../../shared/i18n/areas/relay.js';
/** English texts of family `relay` (issue 13: the media relay, LINE Official Accounts): its UI strings (`relay.*`), the texts of its server message keys (`msg.publish.relay.*`) and of its cloud error codes (`cloudErr.*`). */
export const relayEn = {
  'relay.platform.lineOa': 'LINE Official Account',
  'relay.lineOa.intro': 'Posts go out as messages from your LINE Official Account to its friends.',
  'relay.lineOa.token': 'Channel access token',
  'relay.lineOa.help': 'In the LINE Developers console: your channel → Messaging API → Channel access token (long-lived). It is kept encrypted on KingJam Cloud and never on this computer.',
  'relay.lineOa.err.token': 'Paste the whole channel access token.',

  ...RELAY_MESSAGES.en,

  'cloudErr.RELAY_FILE_NOT_FOUND': 'This relayed file has expired or was deleted.',
  'cloudErr.RELAY_FILE_TOO_LARGE': 'The file is larger than the media relay takes.',
  'cloudErr.RELAY_QUOTA_EXCEEDED': 'Your space on the media relay is full for now.',
  'cloudErr.RELAY_TYPE_MISMATCH': 'The file is not what its type says.',
  'cloudErr.PLATFORM_TOKEN_REFUSED': 'The platform refused the access token.',
} satisfies Record<`relay.${string}` | `msg.publish.relay.${string}` | `cloudErr.${string}`, string>;

export type RelayMessages = Record<keyof typeof relayEn, string>;
