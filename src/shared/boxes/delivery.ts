/**
 * Delivery records of physical blind-box figures (issue 18: the regulation asks for records of
 * deliveries kept). A buyer asks for an owned physical item to be shipped to an address; the
 * series' creator marks it shipped with a carrier and tracking number; the buyer confirms it
 * arrived. The address schema is shared so the studio's form and cloud-sync refuse the same input.
 */
import { z } from 'zod';

export const DELIVERY_STATUSES = ['requested', 'shipped', 'delivered', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const DeliveryAddressSchema = z.strictObject({
  recipient_name: text(100),
  /** Digits, spaces, + - ( ): what a courier needs to call the recipient. */
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'a phone number'),
  /** ISO 3166-1 alpha-2, upper case (TW, CN, HK, JP, …). */
  country: z.string().trim().regex(/^[A-Z]{2}$/, 'a two-letter country code'),
  region: z.string().trim().max(100),
  city: text(100),
  postal_code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{0,12}$/, 'a postal code'),
  line1: text(200),
  line2: z.string().trim().max(200),
});
export type DeliveryAddress = z.infer<typeof DeliveryAddressSchema>;

export const ShipmentSchema = z.strictObject({
  carrier: text(60),
  tracking_number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, 'letters, digits and dashes'),
});
export type Shipment = z.infer<typeof ShipmentSchema>;

/** POST /v1/boxes/deliveries. */
export interface RequestDeliveryBody {
  /** Idempotency key: a retry answers the same delivery. */
  request_id: string;
  owned_id: string;
  address: DeliveryAddress;
}

export interface DeliveryView {
  id: string;
  owned_id: string;
  series_id: string;
  series_title: string;
  item_id: string;
  item_name: string;
  /** The buyer's masked e-mail or phone (for the creator's list); the buyer sees their own. */
  buyer: string;
  status: DeliveryStatus;
  address: DeliveryAddress;
  carrier: string | null;
  tracking_number: string | null;
  requested_at: number;
  shipped_at: number | null;
  delivered_at: number | null;
  cancelled_at: number | null;
  /** Whether the caller is the buyer (else the creator). */
  mine: boolean;
}
