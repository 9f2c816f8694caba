import { StudioError } from '../../shared/errors.js';
import { KEYED_PROVIDERS, LOCAL_PROVIDERS, type KeyedProvider, type LocalProvider, type ProviderStatus } from '../../shared/providers.js';
import { noSecretStoreError, type SecretStore } from '../secrets/store.js';
import type { Store } from '../store/db.js';
import { readKv, writeKv } from '../store/kv.js';

const URLS_KEY = 'provider_urls';

/**
 * Provider keys from the secret store (Settings) over the environment, and
 * local servers' addresses from Settings. Workers get them per job in memory;
 * they are never written to the database or to a job's payload.
 */
export class ProviderKeys {
  private keys = new Map<KeyedProvider, string>();

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore | null,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async load(): Promise<void> {
    if (!this.secrets) return;
    for (const id of Object.keys(KEYED_PROVIDERS) as KeyedProvider[]) {
      const value = await this.secrets.get(`provider-${id}`).catch(() => null);
      if (value) this.keys.set(id, value);
    }
  }

  async setKey(id: KeyedProvider, key: string | null): Promise<void> {
    if (!this.secrets) throw noSecretStoreError();
    if (key === null) {
      await this.secrets.delete(`provider-${id}`);
      this.keys.delete(id);
      return;
    }
    const trimmed = key.trim();
    if (trimmed.length < 8 || /\s/.test(trimmed)) throw new StudioError({ code: 'BAD_INPUT', message: 'That does not look like an API key.', field: 'key' });
    await this.secrets.set(`provider-${id}`, trimmed);
    this.keys.set(id, trimmed);
  }

  setUrl(id: LocalProvider, url: string | null): void {
    const urls = readKv<Partial<Record<LocalProvider, string>>>(this.store, URLS_KEY) ?? {};
    if (url === null) delete urls[id];
    else urls[id] = url;
    writeKv(this.store, URLS_KEY, urls);
  }

  /** What a worker needs, as the environment variables the providers read. */
  forWorkers(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, key] of this.keys) out[KEYED_PROVIDERS[id]] = key;
    const urls = readKv<Partial<Record<LocalProvider, string>>>(this.store, URLS_KEY) ?? {};
    for (const id of Object.keys(LOCAL_PROVIDERS) as LocalProvider[]) {
      const url = urls[id];
      if (url) out[LOCAL_PROVIDERS[id]] = url;
    }
    return out;
  }

  status(): ProviderStatus[] {
    const urls = readKv<Partial<Record<LocalProvider, string>>>(this.store, URLS_KEY) ?? {};
    const keyed = (Object.keys(KEYED_PROVIDERS) as KeyedProvider[]).map((id): ProviderStatus => {
      const stored = this.keys.get(id);
      const fromEnv = this.env[KEYED_PROVIDERS[id]];
      const key = stored ?? fromEnv;
      return { id, configured: Boolean(key), source: stored ? 'keychain' : fromEnv ? 'env' : null, detail: key ? `…${key.slice(-4)}` : null };
    });
    const local = (Object.keys(LOCAL_PROVIDERS) as LocalProvider[]).map((id): ProviderStatus => {
      const url = urls[id] ?? this.env[LOCAL_PROVIDERS[id]];
      return { id, configured: Boolean(url), source: urls[id] ? 'settings' : url ? 'env' : null, detail: url ?? null };
    });
    return [...keyed, ...local, { id: 'offline', configured: true, source: 'built-in', detail: null }];
  }
}
