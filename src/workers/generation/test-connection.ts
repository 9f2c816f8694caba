import type { JobPayload } from '../../shared/jobs/kinds.js';
import type { ConnectionCheck } from '../../shared/providers.js';
import type { JobContext } from '../context.js';
import { registryFor } from './registry.js';

/** Settings' "Test connection": the key or address tried against the service, and the models it offers. */
export async function testConnection(p: JobPayload<'providers.test'>, ctx: JobContext): Promise<ConnectionCheck> {
  let provider;
  try {
    provider = registryFor(ctx).get(p.provider);
  } catch (err) {
    const e = err as { code?: string; message?: string; hint?: string };
    return { ok: false, provider: p.provider, error: { code: e.code ?? 'PROVIDER_NOT_CONFIGURED', message: e.message ?? String(err), ...(e.hint ? { hint: e.hint } : {}) } };
  }
  const report = await provider.testConnection({ signal: ctx.signal });
  if (report.ok) return { ok: true, provider: p.provider, ...(report.detail ? { detail: report.detail } : {}), models: report.models };
  return { ok: false, provider: p.provider, error: { code: report.error.code, message: report.error.message, ...(report.error.hint ? { hint: report.error.hint } : {}) } };
}
