/** A UUID in any letter case, with surrounding white space (what a client might send). */
const LOOSE_UUID = /^\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$/i;

/**
 * The one spelling of an idempotency id: a UUID trimmed and lower-cased, so that `ABC…` and
 * `abc…` are the same write (RFC 4122 UUIDs compare case-insensitively). Other ids (the server's
 * own `stripe:checkout:cs_…`, `referral:…`) are left exactly as they are: Stripe's ids are
 * case-sensitive.
 */
export function canonicalId(id: string): string {
  return LOOSE_UUID.test(id) ? id.trim().toLowerCase() : id;
}
