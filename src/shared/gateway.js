/**
 * The cloud generation gateway's wire contract, shared by cloud-sync (which
 * serves it) and the studio (which calls it). The gateway speaks each
 * upstream's own wire format under its mount point, so the studio's Gemini
 * and Replicate provider code reaches it unchanged: only the base URL and
 * the credential differ.
 *
 *   Gemini SDK:    baseUrl `${cloudUrl}${GATEWAY_MOUNTS.gemini}`, apiVersion v1beta, apiKey = generation token
 *                  (sent as `x-goog-api-key`).
 *   Replicate SDK: baseUrl `${cloudUrl}${GATEWAY_MOUNTS.replicate}`, auth = generation token (Bearer).
 *
 * Other endpoints:
 *   POST /v1/gen/tokens  (Bearer access token)  {purpose, job_ref?} → GenToken
 *   GET  /v1/gen/prices  (public)                → PriceTable (call-prices.ts)
 *   GET  /v1/gen/calls?cursor=&limit=  (Bearer access token) → {calls: GenCallView[], next_cursor}
 *   GET  /v1/admin/gen/costs?from=&to= (admin)   → GenCostReport
 */
export const GATEWAY_MOUNTS = { gemini: '/v1/gen/gemini', replicate: '/v1/gen/replicate/v1' };
/** A retried call carries the same key: it is neither sent upstream twice nor charged twice. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** What a generation is for, as the credits history names it. */
export const GEN_PURPOSES = ['blog', 'social', 'director-script', 'director-scene', 'voice-over', 'image', 'connection-test', 'other'];
//# sourceMappingURL=gateway.js.map