/**
 * AI providers for the generation worker. Generators import from here:
 * the capability types, the registry, and the env/config helpers.
 */
export type * from './types.js';
export { PROVIDER_IDS, ASPECT_RATIOS } from './types.js';
export { providersConfigFromEnv, providersConfigSchema } from './config.js';
export type { ProvidersConfig, ProvidersConfigInput, CloudConfigInput, ComfyWorkflow, GeminiConfigInput, ReplicateConfigInput, ComfyUIConfigInput, OllamaConfigInput, RetryPolicy } from './config.js';
export { ProviderRegistry, createProviders, type Choice, type Resolved } from './registry.js';
export { CloudProvider } from './cloud.js';
export { GeminiProvider, GEMINI_MODELS } from './gemini.js';
export { ReplicateProvider } from './replicate.js';
export { REPLICATE_DEFAULTS, replicateModels } from './replicate-models.js';
export { verifyReplicateWebhook, type WebhookCheck } from './replicate-webhook.js';
export { ComfyUIProvider } from './comfyui.js';
export { OllamaProvider } from './ollama.js';
export { OfflineProvider, OFFLINE_MODEL } from './offline/index.js';
export { toJsonSchema } from './structured.js';
