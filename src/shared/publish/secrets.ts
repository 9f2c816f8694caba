/**
 * The per-job secrets a publish job gets from main (never stored with the
 * job): the platform token from the vault's hand-out, and the media relay's
 * address and credential for platforms that fetch media by URL.
 */
export const PUBLISH_SECRETS = {
  token: 'KINGJAM_PUBLISH_TOKEN',
  relayUrl: 'KINGJAM_RELAY_URL',
  relayToken: 'KINGJAM_RELAY_TOKEN',
} as const;
