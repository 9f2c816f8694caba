import fs from 'node:fs';
import path from 'node:path';
import { COMFY_WORKFLOW_KINDS, parseComfyWorkflow, workflowInputs, type ComfyWorkflowKind } from '../../shared/comfy-workflow.js';
import { StudioError } from '../../shared/errors.js';
import {
  COMFY_WORKFLOW_ENV,
  GEMINI_MODEL_MAP_ENV,
  KEYED_PROVIDERS,
  LOCAL_PROVIDERS,
  type ComfyWorkflowInfo,
  type ConnectionCheck,
  type KeyedProvider,
  type LocalProvider,
  type ModelReplacement,
  type ProviderStatus,
} from '../../shared/providers.js';
import { noSecretStoreError, type SecretStore } from '../secrets/store.js';
import type { Store } from '../store/db.js';
import { readKv, writeKv } from '../store/kv.js';
import { say } from '../../shared/messages.js';

const URLS_KEY = 'provider_urls';
const WORKFLOWS_KEY = 'comfyui_workflows';
const MODEL_CHECK_KEY = 'gemini_model_check';
type StoredWorkflows = Partial<Record<ComfyWorkflowKind, ComfyWorkflowInfo>>;

/**
 * Provider keys from the secret store (Settings) over the environment, and
 * local servers' addresses from Settings. Workers get them per job in memory;
 * they are never written to the database or to a job's payload. ComfyUI
 * workflows imported in Settings are files in the data folder; workers get
 * their paths (a graph can be megabytes, too much to copy into every job).
 */
export class ProviderKeys {
  private keys = new Map<KeyedProvider, string>();
  /** Environment workflows as last parsed, by path: status() reads a file again only when it has changed. */
  private envWorkflows = new Map<string, { stamp: string; info: ComfyWorkflowInfo | null }>();

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore | null,
    /** Where imported ComfyUI workflows are kept: a folder in the studio's data folder. */
    private readonly workflowDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The secret store's read in progress (or done), so a job handed out while it runs waits for the keys. */
  private loading: Promise<void> = Promise.resolve();

  load(): Promise<void> {
    this.loading = (async () => {
      if (!this.secrets) return;
      for (const id of Object.keys(KEYED_PROVIDERS) as KeyedProvider[]) {
        const value = await this.secrets.get(`provider-${id}`).catch(() => null);
        if (value) this.keys.set(id, value);
      }
    })();
    return this.loading;
  }

  /** Resolves once the keys being read from the secret store are in (at once when no read is under way). */
  loaded(): Promise<void> {
    return this.loading;
  }

  /** Whether a keyed provider has a key, from Settings or the environment. */
  hasKey(id: KeyedProvider): boolean {
    return Boolean(this.keys.get(id) ?? this.env[KEYED_PROVIDERS[id]]);
  }

  async setKey(id: KeyedProvider, key: string | null): Promise<void> {
    if (!this.secrets) throw noSecretStoreError();
    // What the last check found was about the old key.
    if (id === 'gemini') writeKv(this.store, MODEL_CHECK_KEY, { replaced: [], checkedAt: 0 });
    if (key === null) {
      await this.secrets.delete(`provider-${id}`);
      this.keys.delete(id);
      return;
    }
    const trimmed = key.trim();
    if (trimmed.length < 8 || /\s/.test(trimmed)) throw new StudioError({ code: 'BAD_INPUT', message: 'That does not look like an API key.', field: 'key', ...say('provider.keyInvalid') });
    await this.secrets.set(`provider-${id}`, trimmed);
    this.keys.set(id, trimmed);
  }

  setUrl(id: LocalProvider, url: string | null): void {
    const urls = readKv<Partial<Record<LocalProvider, string>>>(this.store, URLS_KEY) ?? {};
    if (url === null) delete urls[id];
    else urls[id] = url;
    writeKv(this.store, URLS_KEY, urls);
  }

  /**
   * Checks a workflow exported from ComfyUI and keeps it for the workers, or
   * (null) forgets it. `name` is the file the user picked, for messages.
   */
  setComfyWorkflow(kind: ComfyWorkflowKind, text: string | null, name = `the ${kind} workflow`): void {
    const stored = readKv<StoredWorkflows>(this.store, WORKFLOWS_KEY) ?? {};
    const file = this.workflowFile(kind);
    if (text === null) {
      fs.rmSync(file, { force: true });
      delete stored[kind];
    } else {
      const inputs = workflowInputs(parseComfyWorkflow(text, name));
      fs.mkdirSync(this.workflowDir, { recursive: true });
      // Written whole then renamed, so a worker starting now reads the old workflow or the new one.
      fs.writeFileSync(`${file}.tmp`, text);
      fs.renameSync(`${file}.tmp`, file);
      stored[kind] = { name, inputs };
    }
    writeKv(this.store, WORKFLOWS_KEY, stored);
  }

  private workflowFile(kind: ComfyWorkflowKind): string {
    return path.join(this.workflowDir, `${kind}.json`);
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
    const workflows = readKv<StoredWorkflows>(this.store, WORKFLOWS_KEY) ?? {};
    for (const kind of COMFY_WORKFLOW_KINDS) if (workflows[kind]) out[COMFY_WORKFLOW_ENV[kind]] = this.workflowFile(kind);
    const replaced = this.modelReplacements();
    if (replaced.length) out[GEMINI_MODEL_MAP_ENV] = JSON.stringify(Object.fromEntries(replaced.map((r) => [r.from, r.to])));
    return out;
  }

  /**
   * Keeps what a Gemini connection test found about the catalogue: the
   * models this key cannot use and their stand-ins, which every later job
   * runs on (with a notice). A failed test changes nothing: a network blip
   * must not undo a good check.
   */
  recordModelCheck(check: ConnectionCheck): void {
    if (check.provider !== 'gemini' || !check.ok) return;
    writeKv(this.store, MODEL_CHECK_KEY, { replaced: check.replaced ?? [], checkedAt: Date.now() });
  }

  /** The stand-ins from the last Gemini catalogue check (none before the first). */
  modelReplacements(): ModelReplacement[] {
    return readKv<{ replaced: ModelReplacement[] }>(this.store, MODEL_CHECK_KEY)?.replaced ?? [];
  }

  /**
   * Workflows named by the environment (the CLI's way; Settings' imports take precedence). One
   * that cannot be used is left out here: a job that needs it says why, naming the file.
   */
  private workflowsFromEnv(): StoredWorkflows {
    const out: StoredWorkflows = {};
    for (const kind of COMFY_WORKFLOW_KINDS) {
      const env = COMFY_WORKFLOW_ENV[kind];
      const file = this.env[env];
      if (!file) continue;
      const info = this.envWorkflow(file, env);
      if (info) out[kind] = info;
    }
    return out;
  }

  private envWorkflow(file: string, env: string): ComfyWorkflowInfo | null {
    let stamp: string;
    try {
      const st = fs.statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return null;
    }
    const known = this.envWorkflows.get(file);
    if (known?.stamp === stamp) return known.info;
    let info: ComfyWorkflowInfo | null;
    try {
      info = { name: path.basename(file), inputs: workflowInputs(parseComfyWorkflow(fs.readFileSync(file, 'utf8'), file)), env };
    } catch {
      info = null;
    }
    this.envWorkflows.set(file, { stamp, info });
    return info;
  }

  status(): ProviderStatus[] {
    const urls = readKv<Partial<Record<LocalProvider, string>>>(this.store, URLS_KEY) ?? {};
    const keyed = (Object.keys(KEYED_PROVIDERS) as KeyedProvider[]).map((id): ProviderStatus => {
      const stored = this.keys.get(id);
      const fromEnv = this.env[KEYED_PROVIDERS[id]];
      const key = stored ?? fromEnv;
      return { id, configured: Boolean(key), source: stored ? 'keychain' : fromEnv ? 'env' : null, detail: key ? `…${key.slice(-4)}` : null };
    });
    const workflows: StoredWorkflows = { ...this.workflowsFromEnv(), ...readKv<StoredWorkflows>(this.store, WORKFLOWS_KEY) };
    const local = (Object.keys(LOCAL_PROVIDERS) as LocalProvider[]).map((id): ProviderStatus => {
      const url = urls[id] ?? this.env[LOCAL_PROVIDERS[id]];
      const status: ProviderStatus = { id, configured: Boolean(url), source: urls[id] ? 'settings' : url ? 'env' : null, detail: url ?? null };
      // A workflow alone is enough: workers then use ComfyUI on its default port.
      if (id === 'comfyui' && Object.keys(workflows).length) return { ...status, configured: true, workflows };
      return status;
    });
    return [...keyed, ...local, { id: 'offline', configured: true, source: 'built-in', detail: null }];
  }
}
