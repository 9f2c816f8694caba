/**
 * Phone numbers as people type them, to E.164. A local number is read in the
 * country the user chose (Taiwan by default: `0912345678` → +886912345678,
 * mainland China: `138 1234 5678` → +8613812345678); `+…` or `00…` is
 * international. Numbers of the countries below must be mobile numbers (the
 * code goes by SMS); other countries are checked only for E.164 shape.
 */
export const PHONE_COUNTRIES = ['TW', 'CN', 'HK', 'MO'] as const;
export type PhoneCountry = (typeof PHONE_COUNTRIES)[number];

interface CountryRule {
  code: string;
  /** The national trunk prefix dropped after the country code (Taiwan's 0), if any. */
  trunk: string | null;
  mobile: RegExp;
}

const RULES: Record<PhoneCountry, CountryRule> = {
  TW: { code: '886', trunk: '0', mobile: /^9\d{8}$/ },
  CN: { code: '86', trunk: null, mobile: /^1[3-9]\d{9}$/ },
  HK: { code: '852', trunk: null, mobile: /^[4-9]\d{7}$/ },
  MO: { code: '853', trunk: null, mobile: /^6\d{7}$/ },
};

// Longest code first, so +886 is never read as +86 followed by 6.
const BY_CODE = Object.values(RULES).sort((a, b) => b.code.length - a.code.length);

function national(rule: CountryRule, digits: string): string | null {
  const rest = rule.trunk && digits.startsWith(rule.trunk) ? digits.slice(rule.trunk.length) : digits;
  return rule.mobile.test(rest) ? `+${rule.code}${rest}` : null;
}

/** The number in E.164, or null when it is not a mobile number of the chosen country (or a valid international one). */
export function normalizePhone(input: string, country: PhoneCountry = 'TW'): string | null {
  const compact = input.trim().replace(/[\s\-().]/g, '');
  const international = /^\+(\d+)$/.exec(compact)?.[1] ?? /^00(\d+)$/.exec(compact)?.[1];
  if (international === undefined) return /^\d+$/.test(compact) ? national(RULES[country], compact) : null;
  const known = BY_CODE.find((r) => international.startsWith(r.code));
  if (known) return national(known, international.slice(known.code.length));
  return /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : null;
}
