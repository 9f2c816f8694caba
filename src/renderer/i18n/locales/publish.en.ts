import { POST_CHECK_ENGLISH } from '../../../shared/publish/english.js';

/** English texts of family `publish` (issue 13: publishing): its UI strings (`publish.*`) and the texts of its server message keys (`msg.publish.*`). */
export const publishEn = {
  ...POST_CHECK_ENGLISH,
  "msg.publish.platform.timeout": "{platform} did not answer within {seconds} s.",
  "msg.publish.platform.timeout.hint": "It will be tried again; if it keeps happening, check the platform's status page.",
  "msg.publish.platform.unreachable": "{platform} could not be reached: {detail}",
  "msg.publish.platform.unreachable.hint": "Check the internet connection; it will be tried again.",
  "msg.publish.platform.rateLimited": "{platform} asked us to slow down for about {seconds} s.",
  "msg.publish.platform.rateLimited.hint": "It will be tried again then; nothing is posted twice.",
  "msg.publish.platform.unavailable": "{platform} had a problem on its side (HTTP {status}).",
  "msg.publish.platform.unavailable.hint": "It will be tried again shortly.",
  "msg.publish.platform.tokenExpired": "{platform} says the sign-in has expired.",
  "msg.publish.platform.tokenExpired.hint": "The studio renews it and tries once more; if that fails, reconnect the account on the Connections page.",
  "msg.publish.platform.disconnected": "{platform} no longer lets this account post: {detail}",
  "msg.publish.platform.disconnected.hint": "Reconnect the account on the Connections page and grant the posting permission.",
  "msg.publish.platform.rejected": "{platform} refused the post: {detail}",
  "msg.publish.platform.rejected.hint": "Edit the post as the platform says, then retry it.",
  "msg.publish.platform.stillProcessing": "{platform} was still processing the post after {minutes} min.",
  "msg.publish.platform.stillProcessing.hint": "It will be checked again; nothing is posted twice.",
  "error.PUBLISH_RETRY": "The platform could not take the post right now",
  "error.PUBLISH_REFRESH_TOKEN": "The account's sign-in expired",
  "error.PUBLISH_BAD_POST": "The platform refused the post",
  "error.PUBLISH_DISCONNECTED": "The account needs reconnecting",
} satisfies Record<`publish.${string}` | `msg.publish.${string}` | `error.PUBLISH_${string}`, string>;

export type PublishMessages = Record<keyof typeof publishEn, string>;
