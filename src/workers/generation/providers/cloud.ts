import { StudioError } from '../../../shared/errors.js';
import { GATEWAY_MOUNTS } from '../../../shared/gateway.js';
import { GRANT_HEADER, type GenGrant } from '../../../shared/gen-grant.js';
import { say } from '../../../shared/messages.js';
import { currentModel, findModel, modelForTier, offeredModels, type ModelCapability } from '../../../shared/models.js';
import { cloudConfigSchema, type CloudConfigInput } from './config.js';
import { asStudioError, modelUnavailable, providerFailed, quotaExceeded, type HttpFailure } from './errors.js';
import { GeminiProvider } from './gemini.js';
import { createFetch, type GatewayRoute } from './http.js';
import { ReplicateProvider } from './replicate.js';
import { textStream } from './stream.js';
import type {
  CallOptions,
  ConnectionReport,
  ImageRequest,
  ImageResult,
  ModelInfo,
  Provider,
  ProviderHooks,
  SpeechRequest,
  SpeechResult,
  StructuredRequest,
  StructuredResult,
  TextRequest,
  TextResult,
  TextStream,
  VideoRequest,
  VideoResult,
} from './types.js';

/**
 * KingJam Cloud: generation paid in credits. The platform holds the model
 * keys; this studio sends the very same Gemini and Replicate calls to the
 * cloud gateway's mounts (src/shared/gateway.ts) with a generation token
 * minted for the job, so prompts, schemas, retries and error handling are
 * the ones the user's own keys get. Text, structured output, images, speech
 * and Veo go through the Gemini mount; Kling and other Replicate-only
 * models through the Replicate mount.
 */
export class CloudProvider implements Provider {
  readonly id = 'cloud' as const;
  readonly label = 'KingJam Cloud';
  readonly local = false;
  readonly text = { generateText: this.generateText.bind(this), streamText: this.streamText.bind(this) };
  readonly structured = { generateObject: this.generateObject.bind(this) };
  readonly image = { generateImage: this.generateImage.bind(this) };
  readonly video = { generateVideo: this.generateVideo.bind(this) };
  readonly speech = { synthesize: this.synthesize.bind(this) };
  private readonly gemini: GeminiProvider;
  private readonly replicate: ReplicateProvider;
  private readonly base: string;
  private readonly timeoutMs: number;

  /**
   * `calls.grant`: every metered call of this provider asks the gateway for that platform-paid
   * grant (src/shared/gen-grant.ts) — a provider made for the one free photo of the day.
   */
  constructor(input: CloudConfigInput, hooks: ProviderHooks = {}, calls: { grant?: GenGrant } = {}) {
    const config = cloudConfigSchema.parse(input);
    this.base = config.url.replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs;
    const shared = { timeoutMs: config.timeoutMs, retry: config.retry, ...(config.pollIntervalMs ? { pollIntervalMs: config.pollIntervalMs } : {}) };
    const route: GatewayRoute = { provider: 'cloud', classify: classifyGateway, ...(calls.grant ? { headers: { [GRANT_HEADER]: calls.grant } } : {}) };
    this.gemini = new GeminiProvider({ apiKey: config.token, baseUrl: `${this.base}${GATEWAY_MOUNTS.gemini}`, apiVersion: 'v1beta', ...shared }, hooks, route);
    this.replicate = new ReplicateProvider({ apiToken: config.token, baseUrl: `${this.base}${GATEWAY_MOUNTS.replicate}`, ...shared }, route);
  }

  models(): ModelInfo[] {
    const seen = new Set<string>();
    return [...this.gemini.models(), ...this.replicate.models()].filter((m) => {
      const key = `${m.capability}:${m.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  async generateText(req: TextRequest, opts?: CallOptions): Promise<TextResult> {
    return { ...(await this.gemini.generateText({ ...req, model: sold('text', req.model) }, opts)), provider: 'cloud' };
  }

  streamText(req: TextRequest, opts?: CallOptions): TextStream {
    const inner = this.gemini.streamText({ ...req, model: sold('text', req.model) }, opts);
    return textStream(async function* () {
      for await (const delta of inner) yield delta;
      const { text: _whole, ...rest } = await inner.result();
      return { ...rest, provider: 'cloud' as const };
    });
  }

  async generateObject<T>(req: StructuredRequest<T>, opts?: CallOptions): Promise<StructuredResult<T>> {
    return { ...(await this.gemini.generateObject({ ...req, model: sold('text', req.model) }, opts)), provider: 'cloud' };
  }

  async generateImage(req: ImageRequest, opts?: CallOptions): Promise<ImageResult> {
    if (onReplicate(req.model)) return { ...(await this.replicate.generateImage(req, opts)), provider: 'cloud' };
    return { ...(await this.gemini.generateImage({ ...req, model: sold('image', req.model, req.quality === 'fine' ? 'fine' : 'standard') }, opts)), provider: 'cloud' };
  }

  async generateVideo(req: VideoRequest, opts?: CallOptions): Promise<VideoResult> {
    if (onReplicate(req.model)) return { ...(await this.replicate.generateVideo(req, opts)), provider: 'cloud' };
    return { ...(await this.gemini.generateVideo({ ...req, model: sold('video', req.model) }, opts)), provider: 'cloud' };
  }

  async synthesize(req: SpeechRequest, opts?: CallOptions): Promise<SpeechResult> {
    return { ...(await this.gemini.synthesize({ ...req, model: sold('speech', req.model) }, opts)), provider: 'cloud' };
  }

  /** Whether the gateway answers, and which of the models this studio drives it prices (sells). */
  async testConnection(opts: CallOptions = {}): Promise<ConnectionReport> {
    const fetch = createFetch({ provider: 'cloud', timeoutMs: opts.timeoutMs ?? Math.min(this.timeoutMs, 20_000), retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 }, classify: (f) => classifyGateway(f) ?? providerFailed('cloud', `HTTP ${f.status}`, f.status >= 500) });
    try {
      const res = await fetch(`${this.base}/v1/gen/prices`, { signal: opts.signal ?? null });
      const table = (await res.json()) as { models?: { id?: unknown }[] };
      const sold = new Set((table.models ?? []).map((m) => String(m.id)));
      const models = this.models().map((m) => ({ ...m, available: sold.has(m.id) }));
      return { ok: true, provider: 'cloud', models, detail: `${sold.size} models priced by ${new URL(this.base).host}` };
    } catch (err) {
      return { ok: false, provider: 'cloud', error: asStudioError('cloud', err, opts.signal).toInfo() };
    }
  }
}

/**
 * The Gemini model a cloud call names: the one asked for as it is sold today
 * (a retired id becomes its successor, which is what the gateway prices and
 * charges), or the catalogue's current model for the capability and tier.
 */
function sold(capability: ModelCapability, model: string | undefined, tier: 'flash' | 'standard' | 'fine' = capability === 'image' ? 'standard' : 'flash'): string {
  if (model) return currentModel('gemini', model)?.id ?? model;
  const chosen = capability === 'text' || capability === 'image' ? modelForTier('gemini', capability, tier) : offeredModels('gemini', capability)[0];
  if (!chosen) throw new Error(`the catalogue has no current ${capability} model`);
  return chosen.id;
}

/**
 * Which mount a model is reached through: Replicate's for the models only
 * Replicate hosts (Kling, Flux, …: a catalogue entry upstream there, a
 * Replicate catalogue id, or an `owner/name`); Gemini's for everything else,
 * Veo included.
 */
function onReplicate(model: string | undefined): boolean {
  if (!model) return false;
  if (findModel('gemini', model) || /^(gemini|imagen|veo)-/.test(model)) return false;
  return true;
}

/**
 * The gateway's own refusals answer in cloud-sync's error format
 * (`{"error":{"code":"INSUFFICIENT_CREDITS",…}}`, a string code), while the
 * upstream errors it passes through keep theirs (Gemini's numeric code,
 * Replicate's problem+json): only the former are read here.
 */
export function classifyGateway(f: HttpFailure): StudioError | undefined {
  const body = (f.json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (!body || typeof body.code !== 'string') return undefined;
  const code = body.code;
  const message = typeof body.message === 'string' ? body.message : `HTTP ${f.status}`;
  const cloud = { code };
  if (code === 'INSUFFICIENT_CREDITS') {
    const d = (body.details ?? {}) as Record<string, unknown>;
    const needed = firstNumber(d.price, d.needed, d.hold, d.wanted);
    const available = firstNumber(d.available, d.balance);
    return new StudioError({
      code: 'INSUFFICIENT_CREDITS',
      message: `KingJam Cloud refused the call: ${message}`,
      hint: 'Buy a credit pack or a plan on the Credits page.',
      cloud,
      ...(needed !== undefined && available !== undefined ? say('credits.insufficient', { needed, available }) : say('credits.insufficientAtCloud', { detail: message })),
    });
  }
  if (code === 'GEN_GRANT_USED' || code === 'GEN_GRANT_NOT_ELIGIBLE') return grantRefused(code, message, body.details);
  if (f.status === 401) {
    return new StudioError({ code: 'NOT_SIGNED_IN', message: `KingJam Cloud did not accept this job's generation token: ${message}`, hint: 'Sign in again on the Account page.', cloud, ...say('account.sessionEnded') });
  }
  // Not on the allow-list (403), unknown (404), or retired (410 MODEL_RETIRED): a model to change, not a call to retry.
  if (f.status === 403 || f.status === 404 || f.status === 410) return new StudioError({ ...modelUnavailable('cloud', modelOf(f.url), message).toInfo(), cloud });
  if (f.status === 429) return new StudioError({ ...quotaExceeded('cloud', message, f.retryAfterMs).toInfo(), cloud });
  return new StudioError({ ...providerFailed('cloud', message, f.status >= 500).toInfo(), cloud });
}

/**
 * The free daily photo refused: already made today (with the Taipei date it comes back on, as the
 * gateway's `details.params.date` says), or asked for on a call it does not pay for. Neither passes
 * on a retry. The error carries the message key rather than the cloud code, so the date is shown.
 */
function grantRefused(code: 'GEN_GRANT_USED' | 'GEN_GRANT_NOT_ELIGIBLE', message: string, details: unknown): StudioError {
  const base = { message: `KingJam Cloud refused the free daily photo: ${message}`, retryable: false } as const;
  if (code === 'GEN_GRANT_NOT_ELIGIBLE') return new StudioError({ code: 'BAD_INPUT', ...base, ...say('photo.grant.notEligible', { detail: message }) });
  const d = (details ?? {}) as { resets_at?: unknown; params?: { date?: unknown } };
  const date = typeof d.params?.date === 'string' ? d.params.date : typeof d.resets_at === 'string' ? d.resets_at.slice(0, 10) : '';
  const resetsAt = typeof d.resets_at === 'string' ? Date.parse(d.resets_at) : NaN;
  return new StudioError({
    code: 'PROVIDER_QUOTA_EXCEEDED',
    ...base,
    hint: 'Come back after midnight Taiwan time (UTC+8), or make a paid run.',
    ...(Number.isFinite(resetsAt) ? { retryAfterMs: Math.max(0, resetsAt - Date.now()) } : {}),
    ...say('photo.grant.used', { date }),
  });
}

function firstNumber(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

function modelOf(url: string): string {
  return /models\/([^:/?]+(?:\/[^:/?]+)?)/.exec(url)?.[1] ?? 'requested model';
}
