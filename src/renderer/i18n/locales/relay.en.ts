/** English texts of family `relay` (issue 13: the media relay, LINE Official Accounts): its UI strings (`relay.*`), the texts of its server message keys (`msg.publish.relay.*`) and of its cloud error codes (`cloudErr.*`). */
export const relayEn = {
  'relay.platform.lineOa': 'LINE Official Account',
  'relay.lineOa.intro': 'Posts go out as messages from your LINE Official Account to its friends.',
  'relay.lineOa.token': 'Channel access token',
  'relay.lineOa.help': 'In the LINE Developers console: your channel → Messaging API → Channel access token (long-lived). It is kept encrypted on KingJam Cloud and never on this computer.',
  'relay.lineOa.err.token': 'Paste the whole channel access token.',

  'msg.publish.relay.fileUnreadable': 'The file “{name}” could not be read ({detail}).',
  'msg.publish.relay.fileUnreadable.hint': 'It may have been moved or deleted: choose the media again in the post.',
  'msg.publish.relay.unreachable': 'The KingJam Cloud media relay could not be reached: {detail}',
  'msg.publish.relay.unreachable.hint': 'Check the internet connection; it will be tried again.',
  'msg.publish.relay.unavailable': 'The KingJam Cloud media relay is unavailable right now (HTTP {status}).',
  'msg.publish.relay.unavailable.hint': 'It will be tried again in a moment.',
  'msg.publish.relay.signedOut': 'The studio is signed out of KingJam Cloud, so the media could not be made public for the platform.',
  'msg.publish.relay.signedOut.hint': 'Sign in again on the Account page, then retry the post.',
  'msg.publish.relay.tooLarge': '“{name}” is {size} MiB; the media relay takes at most {limit} MiB.',
  'msg.publish.relay.tooLarge.hint': 'Use a smaller or shorter file for this post.',
  'msg.publish.relay.wrongType': '“{name}” is not really a {type} file.',
  'msg.publish.relay.wrongType.hint': 'Use a JPEG, PNG, WebP or GIF image, or an MP4, MOV or WebM video, saved in that format.',
  'msg.publish.relay.quotaFull': 'Your media waiting on the relay already uses {used} of {quota} MiB.',
  'msg.publish.relay.quotaFull.hint': 'Space frees itself as posts are published and their files expire (24 hours); it will be tried again.',
  'msg.publish.relay.refused': 'The media relay refused the file (HTTP {status}: {detail}).',
  'msg.publish.relay.refused.hint': 'Choose the media again; if it keeps happening, contact support.',

  'cloudErr.RELAY_FILE_NOT_FOUND': 'This relayed file has expired or was deleted.',
  'cloudErr.RELAY_FILE_TOO_LARGE': 'The file is larger than the media relay takes.',
  'cloudErr.RELAY_QUOTA_EXCEEDED': 'Your space on the media relay is full for now.',
  'cloudErr.RELAY_TYPE_MISMATCH': 'The file is not what its type says.',
  'cloudErr.PLATFORM_TOKEN_REFUSED': 'The platform refused the access token.',
} satisfies Record<`relay.${string}` | `msg.publish.relay.${string}` | `cloudErr.${string}`, string>;

export type RelayMessages = Record<keyof typeof relayEn, string>;
