import { PLATFORM_ANSWER_ENGLISH, POST_CHECK_ENGLISH } from '../../../shared/publish/english.js';

/** English texts of family `publish` (issue 13: publishing): its UI strings (`publish.*`) and the texts of its server message keys (`msg.publish.*`). */
export const publishEn = {
  ...POST_CHECK_ENGLISH,
  ...PLATFORM_ANSWER_ENGLISH,
  "error.PUBLISH_RETRY": "The platform could not take the post right now",
  "error.PUBLISH_REFRESH_TOKEN": "The account's sign-in expired",
  "error.PUBLISH_BAD_POST": "The platform refused the post",
  "error.PUBLISH_DISCONNECTED": "The account needs reconnecting",
} satisfies Record<`publish.${string}` | `msg.publish.${string}` | `error.PUBLISH_${string}`, string>;

export type PublishMessages = Record<keyof typeof publishEn, string>;
