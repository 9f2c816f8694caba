/**
 * What a running job is doing (and why a queued one waits), as a stable key
 * with parameters, so the renderer can say it in the user's language
 * (`progress.<key>`). It travels and is stored as one string, `key` or
 * `key?name=value&…`; the CLI and the logs print it with describeProgress.
 *
 * To add one: add the key here with its English text (its `{parameters}` are
 * what progressLabel then requires), report it with `progressLabel('key', { … })`,
 * and give `progress.key` a text in src/shared/i18n/messages.{zh-TW,zh-CN}.ts
 * (the English catalog takes these).
 */
export const PROGRESS_LABELS = {
  done: 'Done',
  writingScript: 'Writing the script',
  rendering: 'Rendering',
  renderingWith: 'Rendering with {backend}',
  recordingVoice: 'Recording the voice-over',
  writingCaptions: 'Writing captions',
  designingImage: 'Designing the image',
  planningArticle: 'Planning the article',
  writing: 'Writing',
  designingCover: 'Designing the cover',
  exporting: 'Exporting',
  placingImage: 'Placing {label}',
  readingMetadata: 'Reading metadata',
  makingThumbnail: 'Making the thumbnail',
  processingImage: 'Processing the image',
  step: 'Step {step} of {steps}',
  queuedAt: 'Queued at {service}',
  renderingAt: 'Rendering at {service}',
  starting: 'Starting',
  generating: 'Generating',
  downloading: 'Downloading',
  reusingCached: 'Reusing cached nodes',
  runningNode: 'Running node {node}',
  designingScene: 'Designing the scene',
  checkingInputs: 'Checking the inputs',
  encoded: 'Encoded {seconds} of {total} s',
  // Why a queued job has not started (JobView.heldReason).
  waitingForMemory: 'Waiting for memory: {free} MiB free, jobs start above {min} MiB',
  rateLimited: 'Rate limit: at most {max} {queue} jobs per {window} s; next start in {wait} s',
  // Notices (JobContext.notice): said once, kept until the next progress.
  modelRetired: '{model} has been retired by the service: this job uses {successor} instead',
  modelUnavailable: '{model} is not available to this key: this job uses {successor} instead',
  styleAdapterMissing: 'Your ComfyUI has no IP-Adapter nodes ({nodes}): the style "{style}" is carried by its prompt only. Install ComfyUI_IPAdapter_plus to send its reference image',
  styleAdapterNoSampler: 'Your ComfyUI workflow has no sampler taking a model, so no IP-Adapter could be added: the style "{style}" is carried by its prompt only',
  characterAdapterMissing: 'Your ComfyUI has no IP-Adapter nodes ({nodes}): the character "{character}" is drawn from its description only. Install ComfyUI_IPAdapter_plus to send its reference images',
  characterAdapterNoSampler: 'Your ComfyUI workflow has no sampler taking a model, so no IP-Adapter could be added: the character "{character}" is drawn from its description only',
} as const satisfies Record<string, string>;

export type ProgressKey = keyof typeof PROGRESS_LABELS;

/** Labels that are notices the user should not miss: the CLI prints them as lines of their own. */
export const NOTICE_LABELS: ReadonlySet<ProgressKey> = new Set<ProgressKey>(['modelRetired', 'modelUnavailable', 'styleAdapterMissing', 'styleAdapterNoSampler', 'characterAdapterMissing', 'characterAdapterNoSampler']);
/** The `{names}` in a text. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer R}` ? P | Placeholders<R> : never;
type ProgressParamName<K extends ProgressKey> = Placeholders<(typeof PROGRESS_LABELS)[K]>;
type ProgressParams<K extends ProgressKey> = { [P in ProgressParamName<K>]: string | number };

/** A progress text made only by progressLabel, so every label a worker reports has a key. */
export type ProgressLabel = string & { readonly __progressLabel: true };

export function progressLabel<K extends ProgressKey>(
  key: K,
  ...rest: [ProgressParamName<K>] extends [never] ? [] : [params: ProgressParams<K>]
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

/** A stored progress text in English, for the CLI and the logs (older free text as it is). */
export function describeProgress(text: string): string {
  const label = parseProgressLabel(text);
  if (!label) return text;
  return PROGRESS_LABELS[label.key].replace(/\{(\w+)\}/g, (whole, name: string) => label.params[name] ?? whole);
}
