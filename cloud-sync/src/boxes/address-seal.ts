import { DeliveryAddressSchema, type DeliveryAddress } from '../../../src/shared/boxes/delivery.js';
import type { TokenCipher } from '../vault/cipher.js';

/** What of an address stays in clear: the country (ISO code, in the audit entry and a creator's overview), nothing personal. */
const SealedPart = DeliveryAddressSchema.omit({ country: true });

/** The columns of `box_deliveries` that hold an address (migration 011). */
export interface SealedAddress {
  country: string;
  /** The vault key the blob was sealed with: rows name their key, so the current key can change. */
  key_id: string;
  /** AES-256-GCM (the vault's TokenCipher) of the address but the country, as JSON. */
  address_ct: string;
}

/**
 * The buyer's name, phone and postal address are personal data: `box_deliveries` keeps them only
 * sealed, with the same cipher and key ring as the server seeds and the social tokens
 * (KINGJAM_VAULT_KEYS), bound to the delivery's id so a blob cannot be moved to another row. A
 * copy of the database (or a backup) shows who ordered what, never where it goes.
 */
export class AddressSeal {
  constructor(private readonly cipher: TokenCipher) {}

  seal(deliveryId: string, a: DeliveryAddress): SealedAddress {
    const { country, ...personal } = a;
    const { keyId, ct } = this.cipher.encrypt(JSON.stringify(personal), aad(deliveryId));
    return { country, key_id: keyId, address_ct: ct };
  }

  /** Only for the buyer or the series' creator (the callers check who asks). */
  open(deliveryId: string, row: SealedAddress): DeliveryAddress {
    const personal = SealedPart.parse(JSON.parse(this.cipher.decrypt(row.key_id, row.address_ct, aad(deliveryId))));
    return { ...personal, country: row.country };
  }

  /** The same address under the current key, or null when it already is (key rotation: re-sealed when the delivery next changes). */
  reseal(deliveryId: string, row: SealedAddress): Pick<SealedAddress, 'key_id' | 'address_ct'> | null {
    if (row.key_id === this.cipher.currentKeyId) return null;
    const { key_id, address_ct } = this.seal(deliveryId, this.open(deliveryId, row));
    return { key_id, address_ct };
  }
}

const aad = (deliveryId: string): string => `box-delivery:${deliveryId}`;
