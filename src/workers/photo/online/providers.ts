import type { GenGrant } from '../../../shared/gen-grant.js';
import type { PhotoVia } from '../../../shared/photo/requests.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { COMFY_WORKFLOW_ENV } from '../../../shared/providers.js';
import { progressLabel } from '../../../shared/progress-labels.js';
import type { JobContext } from '../../context.js';
import { CloudProvider } from '../../generation/providers/cloud.js';
import { readWorkflowFile } from '../../generation/providers/comfyui-workflow.js';
import { ComfyUIProvider } from '../../generation/providers/comfyui.js';
import { providersConfigFromEnv, providersConfigSchema, type ProvidersConfig } from '../../generation/providers/config.js';
import { notConfigured } from '../../generation/providers/errors.js';
import { GeminiProvider } from '../../generation/providers/gemini.js';
import { ReplicateProvider } from '../../generation/providers/replicate.js';
import type { Provider, ProviderHooks } from '../../generation/providers/types.js';

/**
 * The provider a photo call goes to: KingJam Cloud's gateway (credits) or the
 * user's own Gemini / Replicate key, from the job's secrets like every other
 * generation job (src/workers/generation/registry.ts), or the user's ComfyUI.
 * Each HTTP request gets the photo call's limit and no retry of its own: the
 * retry is the one withCallLimit makes, so a failing call is tried twice in
 * all, as the seed says, and never 3 × 2 times.
 */

/** Predictions of an image model take seconds: inside a 30-second limit they are polled every second, not every three. */
const POLL_MS = 1_000;
const ONE_TRY = { maxAttempts: 1 };

function configOf(ctx: Pick<JobContext, 'secrets'>): ProvidersConfig {
  return providersConfigSchema.parse(providersConfigFromEnv({ ...process.env, ...ctx.secrets }));
}

function hooksOf(ctx: Pick<JobContext, 'notice'>): ProviderHooks {
  return { onModelReplaced: (r) => ctx.notice(progressLabel(r.reason === 'retired' ? 'modelRetired' : 'modelUnavailable', { model: r.from, successor: r.to })) };
}

/**
 * The upstream a model is on, reached through the cloud or the user's key for it. `grant`: the
 * cloud's calls ask for that platform-paid grant (the free daily photo); a user's own key is
 * billed by its service and has no grant to ask for.
 */
export function onlineProvider(upstream: 'gemini' | 'replicate', via: PhotoVia, ctx: Pick<JobContext, 'secrets' | 'notice'>, timeoutMs: number = PHOTO_LIMITS.callTimeoutMs, grant?: GenGrant): Provider {
  const config = configOf(ctx);
  if (via === 'cloud') {
    if (!config.cloud) throw notConfigured('cloud', 'signIn');
    return new CloudProvider({ url: config.cloud.url, token: config.cloud.token, timeoutMs, retry: ONE_TRY, pollIntervalMs: POLL_MS }, hooksOf(ctx), grant ? { grant } : {});
  }
  if (upstream === 'gemini') {
    if (!config.gemini) throw notConfigured('gemini', 'key');
    return new GeminiProvider({ ...config.gemini, timeoutMs, retry: ONE_TRY }, hooksOf(ctx));
  }
  if (!config.replicate) throw notConfigured('replicate', 'key');
  return new ReplicateProvider({ ...config.replicate, timeoutMs, retry: ONE_TRY, pollIntervalMs: POLL_MS });
}

/** The user's ComfyUI with the workflow this job names (else the image workflow set in Settings). */
export function comfyProvider(ctx: Pick<JobContext, 'secrets' | 'notice'>, workflow: string | undefined, timeoutMs: number = PHOTO_LIMITS.callTimeoutMs): ComfyUIProvider {
  const config = configOf(ctx).comfyui;
  const image = workflow ? readWorkflowFile(workflow, COMFY_WORKFLOW_ENV.image) : config?.workflows.image;
  return new ComfyUIProvider({
    ...(config ? { baseUrl: config.baseUrl } : {}),
    workflows: image ? { image } : {},
    ...(config?.workflowErrors.image && !workflow ? { workflowErrors: { image: config.workflowErrors.image } } : {}),
    timeoutMs,
    retry: ONE_TRY,
    // A ComfyUI without IP-Adapter nodes runs without the references and the job says so.
  }, { onNotice: (label) => ctx.notice(label) });
}
