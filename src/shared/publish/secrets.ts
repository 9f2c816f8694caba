/**
 * The per-job secret a publish job gets from main (never stored with the
 * job): the platform token from the vault's short-lived hand-out. The media
 * relay's address and token travel as RELAY_SECRETS (./relay.ts).
 */
export const PUBLISH_SECRETS = {
  token: 'KINGJAM_PUBLISH_TOKEN',
} as const;
