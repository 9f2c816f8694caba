import type { GenerationProvider } from '../../shared/generate/requests.js';
import type { ConnectionCheck } from '../../shared/providers.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { ProviderKeys } from './keys.js';

/**
 * Settings → Test and the check at studio start: a worker tries the key
 * against the service and, for Gemini, compares the model catalogue with the
 * models the key can use. What it finds is kept, so every later job runs on
 * a model that exists (with a notice where one stands in for another).
 */
export async function testProvider(jobs: SqliteJobQueue, providers: ProviderKeys, provider: GenerationProvider | 'meshy'): Promise<ConnectionCheck> {
  const job = await jobs.waitFor((await jobs.enqueue('providers.test', { provider })).id);
  const check: ConnectionCheck =
    job.status === 'succeeded' ? (job.result as ConnectionCheck) : { ok: false, provider, error: job.error ?? { code: 'INTERNAL', message: job.status } };
  providers.recordModelCheck(check);
  return check;
}

/** At start, when a Gemini key exists: the same check in the background (start never waits for it, and a failure is only left unrecorded). */
export function checkModelsInBackground(jobs: SqliteJobQueue, providers: ProviderKeys): Promise<ConnectionCheck | null> {
  if (!providers.hasKey('gemini')) return Promise.resolve(null);
  return testProvider(jobs, providers, 'gemini').catch(() => null);
}
