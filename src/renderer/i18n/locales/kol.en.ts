/** English texts of family `kol` (issue 14: personas, post records, the review page): its UI strings (`kol.*`) and the texts of its server message keys (`msg.kol.core.*`). */
export const kolEn = {
  "msg.kol.core.illegalTransition": "A post cannot go from “{from}” to “{to}”.",
  "msg.kol.core.illegalTransition.hint": "Reload the review queue: the post may have moved on.",
  "msg.kol.core.postNotFound": "That post no longer exists.",
  "msg.kol.core.stateChanged": "Someone else moved this post first: it is “{state}” now.",
  "msg.kol.core.stateChanged.hint": "Reload the queue to see its current state.",
} satisfies Record<`kol.${string}` | `msg.kol.core.${string}`, string>;

export type KolMessages = Record<keyof typeof kolEn, string>;
