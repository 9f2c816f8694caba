import type { Localized } from '../messages.js';
import { withPlatformNames } from '../platform-names.js';
import type { Language } from '../settings.js';

/**
 * The English texts of the problems a post (src/shared/publish/validate.ts)
 * or a CSV row can have, and of the platforms' classified answers. The renderer's English catalog spreads them (the
 * Chinese ones are in the catalogs as usual); they live here because main's
 * CLI prints the same sentences and may not import the renderer.
 */

export const POST_CHECK_ENGLISH = {
  'msg.publish.textTooLong': 'The text is {count} characters; {platform} takes at most {limit}.',
  'msg.publish.textTooLong.hint': 'Shorten the text (hashtags count too).',
  'msg.publish.textEmpty': 'The post has no text and no media for {platform}.',
  'msg.publish.textEmpty.hint': 'Write something or add an image or video.',
  'msg.publish.titleMissing': '{platform} needs a title.',
  'msg.publish.titleMissing.hint': 'Add a title in the {platform} tab.',
  'msg.publish.titleTooLong': 'The title is {count} characters; {platform} takes at most {limit}.',
  'msg.publish.titleTooLong.hint': 'Shorten the title.',
  'msg.publish.tooManyHashtags': 'The text has {count} hashtags; {platform} takes at most {limit}.',
  'msg.publish.tooManyHashtags.hint': 'Remove some hashtags.',
  'msg.publish.mediaMissing': '{platform} needs an image or a video.',
  'msg.publish.mediaMissing.hint': 'Add media from the library.',
  'msg.publish.tooManyMedia': '{count} media files; {platform} takes at most {limit} in one post.',
  'msg.publish.tooManyMedia.hint': 'Remove some, or split them over several posts.',
  'msg.publish.mixedMedia': '{platform} cannot mix images and videos in one post.',
  'msg.publish.mixedMedia.hint': 'Keep only images or only videos.',
  'msg.publish.imageNotAccepted': '{platform} does not take images here.',
  'msg.publish.imageNotAccepted.hint': 'Use a video instead.',
  'msg.publish.videoNotAccepted': '{platform} does not take videos here.',
  'msg.publish.videoNotAccepted.hint': 'Use an image instead.',
  'msg.publish.formatNotAccepted': '{name} is {format}; {platform} takes {accepted}.',
  'msg.publish.formatNotAccepted.hint': 'Export the file in one of those formats (the library can convert images to JPEG).',
  'msg.publish.fileTooLarge': '{name} is {size}; {platform} takes at most {limit}.',
  'msg.publish.fileTooLarge.hint': 'Use a smaller or shorter file.',
  'msg.publish.aspectOutOfRange': '{name} has an aspect ratio of {aspect}; {platform} takes {min} to {max}.',
  'msg.publish.aspectOutOfRange.hint': 'Crop it in the library (4:5, 1:1 or 1.91:1 fit every feed).',
  'msg.publish.videoTooShort': '{name} lasts {seconds} s; {platform} needs at least {min} s.',
  'msg.publish.videoTooShort.hint': 'Use a longer video.',
  'msg.publish.videoTooLong': '{name} lasts {seconds} s; {platform} takes at most {max} s.',
  'msg.publish.videoTooLong.hint': 'Trim the video.',
} as const;

/** What any platform answered, classified (src/workers/publish/http.ts): the CLI prints the hint where the error brought none. */
export const PLATFORM_ANSWER_ENGLISH = {
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
} as const;

export const BULK_ENGLISH = {
  'msg.publish.bulk.unterminatedQuote': 'A quoted field that starts on line {line} never ends.',
  'msg.publish.bulk.unterminatedQuote.hint': 'Close the quote ("), or write a quote inside a field as two quotes ("").',
  'msg.publish.bulk.noRows': 'The file has a header but no posts.',
  'msg.publish.bulk.noRows.hint': 'Add one line per post under the header (see docs/publish-csv.md).',
  'msg.publish.bulk.tooManyRows': 'The file has {count} posts; one import takes at most {limit}.',
  'msg.publish.bulk.tooManyRows.hint': 'Split the file and import the parts one after the other.',
  'msg.publish.bulk.columnMissing': 'The header has no "{column}" column.',
  'msg.publish.bulk.columnMissing.hint': 'The first line must name the columns: account, time and text at least.',
  'msg.publish.bulk.columnUnknown': '"{column}" is not a column the import reads ({columns}).',
  'msg.publish.bulk.columnUnknown.hint': 'Fix the spelling, or delete the column.',
  'msg.publish.bulk.columnTwice': 'The header names "{column}" twice.',
  'msg.publish.bulk.columnTwice.hint': 'Keep one of them.',
  'msg.publish.bulk.extraFields': 'This line has {count} fields but the header has {columns} columns.',
  'msg.publish.bulk.extraFields.hint': 'A text with a comma must be in quotes ("like, this").',
  'msg.publish.bulk.valueMissing': 'The "{column}" column is empty.',
  'msg.publish.bulk.valueMissing.hint': 'Fill it in: every post needs it.',
  'msg.publish.bulk.badValue': '"{value}" is not a valid {column}; it takes {accepted}.',
  'msg.publish.bulk.badValue.hint': 'Use one of the values listed.',
  'msg.publish.bulk.accountUnknown': 'No account "{account}".',
  'msg.publish.bulk.accountUnknown.hint': 'Use an account id from `kingjam publish accounts`, or "platform:name" as listed there.',
  'msg.publish.bulk.accountAmbiguous': '"{account}" could be {matches}.',
  'msg.publish.bulk.accountAmbiguous.hint': 'Write the account id, or "platform:name".',
  'msg.publish.bulk.timeFormat': '"{value}" is not a time the import reads.',
  'msg.publish.bulk.timeFormat.hint': "Write 2026-12-05 09:00 (the account's time zone) or 2026-12-05T09:00+08:00.",
  'msg.publish.bulk.timeInvalid': '{value} is not a date on the calendar.',
  'msg.publish.bulk.timeInvalid.hint': 'Check the month, the day and the hour (00–23).',
  'msg.publish.bulk.timeSkipped': '{value} does not exist in {zone}: the clocks jump forward over it.',
  'msg.publish.bulk.timeSkipped.hint': 'Pick a time an hour later, or write it with its UTC offset.',
  'msg.publish.bulk.timeAmbiguous': '{value} happens twice in {zone} (the clocks go back); the first one, {chosen}, was taken.',
  'msg.publish.bulk.timeAmbiguous.hint': 'For the second one, write the time with its UTC offset.',
  'msg.publish.bulk.timePast': '{value} has already passed.',
  'msg.publish.bulk.timePast.hint': 'Pick a time in the future, or use "Publish now" for this post.',
  'msg.publish.bulk.mediaFileMissing': 'No file at {path}.',
  'msg.publish.bulk.mediaFileMissing.hint': 'Check the path (it is read on the computer running the studio), or use a library id.',
  'msg.publish.bulk.mediaNotInLibrary': 'No library item with id {id}.',
  'msg.publish.bulk.mediaNotInLibrary.hint': 'Copy the id from the Library page, or give the file path instead.',
  'msg.publish.bulk.mediaUnusable': '{path} cannot be used: {detail}',
  'msg.publish.bulk.mediaUnusable.hint': 'Import the file into the library first, then use its id.',
} as const;

export const PUBLISH_ENGLISH: Record<string, string> = { ...POST_CHECK_ENGLISH, ...PLATFORM_ANSWER_ENGLISH, ...BULK_ENGLISH };
const ENGLISH = PUBLISH_ENGLISH;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** A problem's sentence and what to do from `texts` (`language`'s; a platform named by id is said by its name there); a key without a text there is shown as the key and its parameters. */
export function saidFrom(texts: Record<string, string>, message: Localized, language: Language = 'en'): { text: string; hint: string | null } {
  const text = texts[`msg.${message.key}`];
  const hint = texts[`msg.${message.key}.hint`];
  const params = withPlatformNames(message.params ?? {}, language);
  return {
    text: text ? fill(text, params) : `${message.key} ${JSON.stringify(message.params ?? {})}`,
    hint: hint ? fill(hint, params) : null,
  };
}

/** A problem's sentence and what to do, in English (logs; the CLI says it in the user's language through ./said.ts). */
export function inEnglish(message: Localized): { text: string; hint: string | null } {
  return saidFrom(ENGLISH, message);
}

/** What to do about an error: its own hint, else its key's English one (a platform's answer carries only the key). */
export function hintOf(error: { hint?: string | undefined; key?: Localized['key'] | undefined; params?: Localized['params'] }): string | null {
  if (error.hint) return error.hint;
  if (!error.key) return null;
  return inEnglish(error.params ? { key: error.key, params: error.params } : { key: error.key }).hint;
}
