import type { JobPayload } from '../../shared/jobs/kinds.js';
import type { ConnectionCheck } from '../../shared/providers.js';
import type { JobContext } from '../context.js';
import { registryFor } from './registry.js';
import { toErrorInfo } from '../../shared/errors.js';

/** Settings' "Test connection": the key or address tried against the service, the models it offers and (Gemini) which catalogue models stand in for ones the key cannot use. */
export async function testConnection(p: JobPayload<'providers.test'>, ctx: JobContext): Promise<ConnectionCheck> {
  if (p.provider === 'meshy') return (await import('../mesh/sources/meshy.js')).checkMeshyKey(ctx);
  let provider;
  try {
    provider = registryFor(ctx).get(p.provider);
  } catch (err) {
    return { ok: false, provider: p.provider, error: toErrorInfo(err) };
  }
  const report = await provider.testConnection({ signal: ctx.signal });
  if (report.ok) return { ok: true, provider: p.provider, ...(report.detail ? { detail: report.detail } : {}), models: report.models, ...(report.replaced ? { replaced: report.replaced } : {}) };
  return { ok: false, provider: p.provider, error: report.error };
}
