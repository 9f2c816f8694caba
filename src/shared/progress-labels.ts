/**
 * What a running job is doing, as a stable key with parameters, so the
 * renderer can say it in the user's language (`progress.<key>`). It travels
 * and is stored as one string, `key` or `key?name=value&…`, which also reads
 * well enough in the CLI and the logs.
 *
 * To add one: add the key here with its parameter names, report it with
 * `progressLabel('the.key', { … })`, and give `progress.the.key` a text in
 * src/renderer/i18n/locales/messages.{en,zh-TW,zh-CN}.ts.
 */
export const PROGRESS_LABELS = {
  done: [],
  writingScript: [],
  rendering: [],
  renderingWith: ['backend'],
  recordingVoice: [],
  writingCaptions: [],
  designingImage: [],
  planningArticle: [],
  writing: [],
  designingCover: [],
  exporting: [],
  placingImage: ['label'],
  readingMetadata: [],
  makingThumbnail: [],
  processingImage: [],
  step: ['step', 'steps'],
  queuedAt: ['service'],
  renderingAt: ['service'],
  starting: [],
  generating: [],
  downloading: [],
  reusingCached: [],
  runningNode: ['node'],
  designingScene: [],
  checkingInputs: [],
  encoded: ['seconds', 'total'],
  // Why a queued job has not started (JobView.heldReason).
  waitingForMemory: ['free', 'min'],
  rateLimited: ['max', 'queue', 'window', 'wait'],
} as const satisfies Record<string, readonly string[]>;

export type ProgressKey = keyof typeof PROGRESS_LABELS;
type ProgressParams<K extends ProgressKey> = { [P in (typeof PROGRESS_LABELS)[K][number]]: string | number };

/** A progress text made only by progressLabel, so every label a worker reports has a key. */
export type ProgressLabel = string & { readonly __progressLabel: true };

export function progressLabel<K extends ProgressKey>(
  key: K,
  ...rest: (typeof PROGRESS_LABELS)[K][number] extends never ? [] : [params: ProgressParams<K>]
): ProgressLabel {
  const params = rest[0];
  if (!params) return key as string as ProgressLabel;
  const query = new URLSearchParams(Object.entries(params).map(([name, value]): [string, string] => [name, String(value)]));
  return `${key}?${query.toString()}` as ProgressLabel;
}

/** A stored progress text back as its key and parameters; null for text that is not a label (older rows). */
export function parseProgressLabel(text: string): { key: ProgressKey; params: Record<string, string> } | null {
  const at = text.indexOf('?');
  const key = at < 0 ? text : text.slice(0, at);
  if (!Object.prototype.hasOwnProperty.call(PROGRESS_LABELS, key)) return null;
  const params = Object.fromEntries(new URLSearchParams(at < 0 ? '' : text.slice(at + 1)));
  return { key: key as ProgressKey, params };
}
