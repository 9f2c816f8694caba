import { createProviders, providersConfigFromEnv, type ProviderRegistry } from './providers/index.js';
import { OfflineProvider } from './providers/offline/index.js';
import type { JobContext } from '../context.js';
import { progressLabel } from '../../shared/progress-labels.js';
import { offlineDirectorScript } from './director-offline.js';
import { offlineSocialVariants } from './social-offline.js';

/**
 * The providers a job may use: environment defaults with the keychain's keys
 * for this job on top. A model the provider replaces (retired, or not usable
 * with this key) is told to the user as a notice on the job.
 */
export function registryFor(ctx: Pick<JobContext, 'secrets' | 'notice'>): ProviderRegistry {
  const registry = createProviders(providersConfigFromEnv({ ...process.env, ...ctx.secrets }), {
    onModelReplaced: (r) => ctx.notice(progressLabel(r.reason === 'retired' ? 'modelRetired' : 'modelUnavailable', { model: r.from, successor: r.to })),
    onNotice: (label) => ctx.notice(label),
  });
  const offline = registry.get('offline');
  if (offline instanceof OfflineProvider) {
    offline.registerTemplate('DirectorScript', offlineDirectorScript);
    offline.registerTemplate('SocialVariants', offlineSocialVariants);
  }
  return registry;
}
