/**
 * The job secrets a publishing job carries for cloud-sync's media relay: main
 * fills them from SyncService.relayCredentials(), the worker reads them back
 * with relayCredentialsFrom (src/workers/publish/relay-client.ts).
 */
export const RELAY_SECRETS = { url: 'KINGJAM_RELAY_URL', token: 'KINGJAM_RELAY_TOKEN' } as const;
