import type { Localized } from '../messages.js';

/**
 * The English texts of the trigger messages (`kol.trig.*`). The renderer's
 * English catalog spreads them (the Chinese ones are in its catalogs as
 * usual); they live here because main's CLI prints the same sentences and
 * may not import the renderer.
 */
export const TRIG_ENGLISH = {
  'msg.kol.trig.notFound': "There is no such schedule.",
  'msg.kol.trig.badCron': "\"{cron}\" is not a cron expression: {detail}.",
  'msg.kol.trig.badCron.hint': "Use five fields: minute hour day month weekday, e.g. \"0 9 * * 1-5\" for 09:00 on weekdays.",
  'msg.kol.trig.badTimeZone': "\"{zone}\" is not a time zone.",
  'msg.kol.trig.badTimeZone.hint': "Use an IANA time zone name such as Asia/Taipei or Asia/Shanghai.",
  'msg.kol.trig.badJsonPath': "\"{path}\" is not a JSON path this trigger reads.",
  'msg.kol.trig.badJsonPath.hint': "Write it as $.a.b[0].c, or $.items[*].x for every item (their sum is compared).",
  'msg.kol.trig.personaMissing': "These personas do not exist or are archived: {ids}.",
  'msg.kol.trig.personaMissing.hint': "Choose personas from the Personas page.",
  'msg.kol.trig.tooManyPosts': "{posts} posts per item need as many personas; the schedule has {personas}.",
  'msg.kol.trig.tooManyPosts.hint': "Each persona writes an item once: add personas or lower the posts per item.",
  'msg.kol.trig.fetchFailed': "{url} could not be read: {detail}.",
  'msg.kol.trig.fetchFailed.hint': "Check the address and this computer's connection; the next poll tries again.",
  'msg.kol.trig.fetchTimeout': "{url} did not answer within {seconds} s.",
  'msg.kol.trig.fetchTimeout.hint': "The site may be slow or down; the next poll tries again.",
  'msg.kol.trig.fetchStatus': "{url} answered HTTP {status}.",
  'msg.kol.trig.fetchStatus.hint': "Check that the address is right and public; 401/403 means the site wants a sign-in this trigger cannot give.",
  'msg.kol.trig.tooLarge': "{url} answered more than {limit}.",
  'msg.kol.trig.tooLarge.hint': "Use a feed or JSON address that returns less (a feed of recent items, one quote).",
  'msg.kol.trig.addressRefused': "{url} is not used: {reason}.",
  'msg.kol.trig.addressRefused.hint': "Triggers read public https:// addresses only.",
  'msg.kol.trig.feedMalformed': "The feed {url} is not well-formed XML (line {line}: {detail}).",
  'msg.kol.trig.feedMalformed.hint': "Nothing was posted from it. Open the address in a browser to check it, or ask the site to fix its feed.",
  'msg.kol.trig.notAFeed': "{url} is XML but not an RSS 2.0 or Atom feed.",
  'msg.kol.trig.notAFeed.hint': "Use the site's RSS or Atom address (often /feed, /rss or /atom.xml).",
  'msg.kol.trig.notJson': "{url} did not answer JSON.",
  'msg.kol.trig.notJson.hint': "Use an address that returns JSON (an API, not a web page).",
  'msg.kol.trig.noValue': "{path} selects no number in the answer of {url}.",
  'msg.kol.trig.noValue.hint': "Check the path against the answer in Preview; a value such as \"-\" (no trade yet) is not a number.",
  'msg.kol.trig.noPersonaAvailable': "None of this schedule's personas can write: they were archived.",
  'msg.kol.trig.noPersonaAvailable.hint': "Edit the schedule and choose personas.",
  'msg.kol.trig.batchNotStarted': "The posts could not be started: {detail}.",
  'msg.kol.trig.batchNotStarted.hint': "The items were kept: the next run takes them again.",
  'msg.kol.trig.checkFailed': "The trigger could not be checked: {detail}.",
  'msg.kol.trig.checkFailed.hint': "The next poll tries again.",
  'msg.kol.trig.noNewItems': "Nothing new to write about.",
  'msg.kol.trig.conditionNotMet': "The value is {value}: the condition does not hold.",
  'msg.kol.trig.notEnoughSamples': "The average needs {need} samples; {have} are kept so far.",
  'msg.kol.trig.notCustom': "Only a webhook trigger has a secret.",
  'msg.kol.trig.paused': "The schedule is paused.",
  'msg.kol.trig.paused.hint': "Resume it on the Triggers page.",
  'msg.kol.trig.badSignature': "The signature does not match this schedule's secret.",
  'msg.kol.trig.badSignature.hint': "Sign \"<timestamp>.<raw body>\" with HMAC-SHA256 and the secret, and send it as X-KingJam-Signature: sha256=<hex>.",
  'msg.kol.trig.staleEvent': "The timestamp is missing or more than 5 minutes away from now.",
  'msg.kol.trig.staleEvent.hint': "Send X-KingJam-Timestamp with the current Unix time in seconds, and check the sender's clock.",
  'msg.kol.trig.eventReplayed': "This event was already received.",
  'msg.kol.trig.eventReplayed.hint': "Give each new event its own id.",
  'msg.kol.trig.badEvent': "The event body is not {topic, context, id} JSON ({field}).",
  'msg.kol.trig.badEvent.hint': "Send JSON with optional \"topic\", \"context\" and \"id\" strings.",
} as const;

const ENGLISH: Record<string, string> = TRIG_ENGLISH;

const fill = (template: string, params: Record<string, string | number> = {}): string => template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));

/** A trigger message's sentence and what to do from `texts` (one language's); another key is shown as the key and its parameters. */
export function trigSaidFrom(texts: Record<string, string>, message: Localized): { text: string; hint: string | null } {
  const text = texts[`msg.${message.key}`];
  const hint = texts[`msg.${message.key}.hint`];
  return { text: text ? fill(text, message.params) : `${message.key} ${JSON.stringify(message.params ?? {})}`, hint: hint ? fill(hint, message.params) : null };
}

/** A trigger message's sentence and what to do, in English (logs; the CLI says it in the user's language through ./trig-said.ts). */
export function trigInEnglish(message: Localized): { text: string; hint: string | null } {
  return trigSaidFrom(ENGLISH, message);
}
