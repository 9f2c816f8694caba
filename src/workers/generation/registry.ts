import { createProviders, providersConfigFromEnv, type ProviderRegistry } from './providers/index.js';
import { OfflineProvider } from './providers/offline/index.js';
import type { JobContext } from '../context.js';
import { offlineDirectorScript } from './director-offline.js';
import { offlineSocialVariants } from './social-offline.js';

/** The providers a job may use: environment defaults with the keychain's keys for this job on top. */
export function registryFor(ctx: Pick<JobContext, 'secrets'>): ProviderRegistry {
  const registry = createProviders(providersConfigFromEnv({ ...process.env, ...ctx.secrets }));
  const offline = registry.get('offline');
  if (offline instanceof OfflineProvider) {
    offline.registerTemplate('DirectorScript', offlineDirectorScript);
    offline.registerTemplate('SocialVariants', offlineSocialVariants);
  }
  return registry;
}
