import { StudioError, toErrorInfo } from '../shared/errors.js';
import { isJobKind, jobKinds } from '../shared/jobs/kinds.js';
import { WORKER_PRELOAD_ENV, type ToWorker } from '../shared/jobs/protocol.js';
import type { JobContext } from './context.js';
import { handlerFor } from './handlers.js';
import { connectToParent } from './transport/channel.js';
import { say } from '../shared/messages.js';

/**
 * A worker process: runs the jobs main sends it, one message protocol under
 * both Electron and Node. It never opens the database: it gets a payload and
 * paths, writes files, and reports progress and a result.
 */
const channel = connectToParent();
const heartbeatMs = Number(process.env.KINGJAM_HEARTBEAT_MS ?? 5000);
const progressEveryMs = 100;
const running = new Map<string, AbortController>();
/** Checkpoints sent and not yet stored by main, by job then sequence number. */
const pendingCheckpoints = new Map<string, Map<number, { resolve: () => void; reject: (err: unknown) => void }>>();

channel.onParentGone(() => process.exit(0));

channel.onMessage((message: ToWorker) => {
  switch (message.type) {
    case 'run':
      void run(message);
      break;
    case 'checkpointSaved': {
      const waiting = pendingCheckpoints.get(message.jobId)?.get(message.seq);
      pendingCheckpoints.get(message.jobId)?.delete(message.seq);
      waiting?.resolve();
      break;
    }
    case 'cancel':
      for (const w of pendingCheckpoints.get(message.jobId)?.values() ?? []) w.reject(new StudioError({ code: 'CANCELED', message: 'Canceled by the user.', ...say('job.canceledByUser') }));
      running.get(message.jobId)?.abort(new StudioError({ code: 'CANCELED', message: 'Canceled by the user.', ...say('job.canceledByUser') }));
      break;
    case 'shutdown':
      for (const c of running.values()) c.abort(new StudioError({ code: 'CANCELED', message: 'The worker is shutting down.', ...say('job.workerShutdown') }));
      setImmediate(() => process.exit(0));
      break;
  }
});

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const { jobId } = message;
  const controller = new AbortController();
  running.set(jobId, controller);
  const heartbeat = setInterval(() => channel.send({ type: 'heartbeat', jobId }), heartbeatMs);
  let lastProgressAt = 0;
  let lastPreviewAt = 0;
  let lastFraction = 0;
  let checkpointSeq = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (err: unknown) => void }>();
  pendingCheckpoints.set(jobId, waiting);
  const ctx: JobContext = {
    jobId,
    attempt: message.attempt,
    checkpoint: message.checkpoint,
    paths: message.paths,
    signal: controller.signal,
    progress(fraction, text = null, checkpoint) {
      const now = Date.now();
      // Checkpoints always go through; plain progress is thinned out.
      if (checkpoint === undefined && fraction < 1 && now - lastProgressAt < progressEveryMs) return;
      lastProgressAt = now;
      lastFraction = fraction;
      channel.send({ type: 'progress', jobId, progress: fraction, message: text, ...(checkpoint !== undefined ? { checkpoint } : {}) });
    },
    saveCheckpoint(state) {
      const seq = ++checkpointSeq;
      return new Promise<void>((resolve, reject) => {
        if (controller.signal.aborted) {
          reject(controller.signal.reason);
          return;
        }
        waiting.set(seq, { resolve, reject });
        channel.send({ type: 'checkpoint', jobId, seq, state });
      });
    },
    notice(text) {
      lastProgressAt = Date.now();
      channel.send({ type: 'progress', jobId, progress: lastFraction, message: text });
    },
    preview(text) {
      const now = Date.now();
      if (now - lastPreviewAt < progressEveryMs * 2) return;
      lastPreviewAt = now;
      channel.send({ type: 'progress', jobId, progress: lastFraction, message: null, preview: text });
    },
    secrets: message.secrets ?? {},
  };
  try {
    if (!isJobKind(message.kind)) {
      throw new StudioError({ code: 'UNKNOWN_JOB_KIND', message: `This worker has no handler for "${message.kind}".`, ...say('job.unknownKind', { kind: message.kind }) });
    }
    const parsed = jobKinds[message.kind].payload.safeParse(message.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StudioError({
        code: 'BAD_INPUT',
        message: `The job's payload is invalid: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`,
        field: issue?.path.join('.'),
        ...say('job.invalidPayload', { field: issue?.path.join('.') || '(root)' }),
      });
    }
    const handler = await handlerFor(message.kind);
    const result = await handler(parsed.data as never, ctx);
    channel.send({ type: 'done', jobId, result });
  } catch (err) {
    if (controller.signal.aborted) channel.send({ type: 'canceled', jobId });
    else channel.send({ type: 'failed', jobId, error: toErrorInfo(err) });
  } finally {
    clearInterval(heartbeat);
    running.delete(jobId);
    pendingCheckpoints.delete(jobId);
  }
}

/** A kind lane's worker loads its kind's handler first (WORKER_PRELOAD_ENV); a failed load is left for the job to report. */
async function preload(kind: string | undefined): Promise<void> {
  if (kind && isJobKind(kind)) await handlerFor(kind).catch(() => undefined);
}

void preload(process.env[WORKER_PRELOAD_ENV]).then(() => channel.send({ type: 'ready', pid: process.pid }));
