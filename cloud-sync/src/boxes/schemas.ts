import { z } from 'zod';
import { ODDS_SCALE, TIERS } from '../../../src/shared/boxes/fair.js';
import { DeliveryAddressSchema } from '../../../src/shared/boxes/delivery.js';
import { BOX_LIMITS } from '../../../src/shared/boxes/wire.js';
import { Id } from '../schemas.js';

/** Inputs of the blind-box endpoints (issue 18): built from the wire contract's limits. Strict objects. */

const Name = z.string().trim().min(1).max(80);
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');
/** base64 of at most maxImageBytes bytes (4 characters per 3 bytes, padded). */
const MAX_BASE64 = Math.ceil(BOX_LIMITS.maxImageBytes / 3) * 4;

export const GuaranteeSchema = z.strictObject({ after: z.number().int().min(2).max(BOX_LIMITS.maxGuaranteeAfter), tier: z.enum(TIERS).exclude(['regular']) });

export const SeriesItemSchema = z.strictObject({
  name: Name,
  tier: z.enum(TIERS),
  odds_ppm: z.number().int().min(0).max(ODDS_SCALE),
  stock: z.number().int().min(0).max(BOX_LIMITS.maxStock).nullable(),
  character: z.strictObject({ id: z.string().trim().min(1).max(100), name: z.string().trim().min(1).max(100) }).nullable(),
  image: z
    .strictObject({
      content_type: z.enum(BOX_LIMITS.imageTypes),
      data_base64: z.string().min(4).max(MAX_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
    })
    .nullable(),
  production_pack: z.strictObject({ name: z.string().trim().min(1).max(200), bytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), sha256: Sha256Hex }).nullable(),
});

export const SeriesBody = z
  .strictObject({
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000),
    price: z.number().int().min(1).max(BOX_LIMITS.maxPrice),
    daily_limit: z.number().int().min(1).max(BOX_LIMITS.maxDailyLimit),
    starts_at: z.number().int().nonnegative(),
    ends_at: z.number().int().positive().nullable(),
    guarantee: GuaranteeSchema.nullable(),
    items: z.array(SeriesItemSchema).min(BOX_LIMITS.minItems).max(BOX_LIMITS.maxItems),
  })
  .refine((s) => s.ends_at === null || s.ends_at > s.starts_at, { message: 'ends_at must be after starts_at', path: ['ends_at'] });
export type SeriesBody = z.output<typeof SeriesBody>;

export const OpenBoxBody = z.strictObject({
  request_id: Id,
  client_seed: z.string().min(1).max(BOX_LIMITS.clientSeedMaxLength).optional(),
  // Checked by the service (NOTICE_NOT_ACKNOWLEDGED), so the studio can show its own text for it.
  notice_acknowledged: z.boolean(),
});

export const GuardianConsentBody = z.strictObject({
  guardian_name: z.string().trim().min(1).max(100),
  relation: z.enum(['parent', 'guardian']),
  guardian_phone: z.string().trim().min(6).max(40),
  consent: z.literal(true),
});

export const SeriesParams = z.strictObject({ id: z.uuid() });
export const SeriesListQuery = z.strictObject({ scope: z.enum(['shop', 'mine']).default('shop') });
export const OpeningsQuery = z.strictObject({ series_id: z.uuid().optional() });
export const ExportQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

/** The largest series body: every item with the largest image, plus the text around them. */
export const SERIES_BODY_LIMIT = BOX_LIMITS.maxItems * MAX_BASE64 + 256 * 1024;

export const RequestDeliveryBody = z.strictObject({ request_id: Id, owned_id: z.uuid(), address: DeliveryAddressSchema });
