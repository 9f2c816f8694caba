import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsProvider } from '../src/verification/sms.js';
import { normalizePhone } from '../src/verification/phone-number.js';
import { describeEachDb } from './support/db.js';
import type { PartnerServer } from './support/partners.js';
import { startPartnerServer } from './support/partners.js';

describe('phone numbers as people type them', () => {
  it('reads a Taiwanese local mobile number as +886, with or without spaces and dashes', () => {
    for (const typed of ['0912345678', '0912-345-678', '0912 345 678', '912345678', '+886912345678', '+886 0912 345 678', '00886912345678']) {
      expect([typed, normalizePhone(typed)]).toEqual([typed, '+886912345678']);
    }
  });

  it('reads a mainland number by the chosen country, and Hong Kong and Macau numbers', () => {
    expect(normalizePhone('13812345678', 'CN')).toBe('+8613812345678');
    expect(normalizePhone('138 1234 5678', 'CN')).toBe('+8613812345678');
    expect(normalizePhone('+86 138-1234-5678')).toBe('+8613812345678');
    expect(normalizePhone('9123 4567', 'HK')).toBe('+85291234567');
    expect(normalizePhone('66123456', 'MO')).toBe('+85366123456');
    // Elsewhere: any E.164 number.
    expect(normalizePhone('+14155550123')).toBe('+14155550123');
  });

  it('refuses what cannot get an SMS or is not a number', () => {
    for (const [typed, country] of [['13812345678', 'TW'], ['0912345678', 'CN'], ['0223456789', 'TW'], ['+8860223456789', 'TW'], ['12345', 'TW'], ['09123456789', 'TW'], ['abc', 'TW'], ['', 'TW'], ['+0912345678', 'TW']] as const) {
      expect([typed, country, normalizePhone(typed, country)]).toEqual([typed, country, null]);
    }
  });
});

describeEachDb('sending the phone code to a local number', (kind) => {
  let s: PartnerServer;
  const texted: string[] = [];
  const sms: SmsProvider = {
    name: 'recording',
    send: (to: string) => {
      texted.push(to);
      return Promise.resolve();
    },
  };
  beforeAll(async () => {
    s = await startPartnerServer(kind, { partners: { sms } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('texts +886912345678 for 0912345678, +8613812345678 for a mainland 138 number, and refuses a landline', async () => {
    const tw = await s.register();
    const sent = await s.call('POST', '/v1/verification/phone/send', { phone: '0912345678' }, tw.token);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ sent: true, phone: '+886912345678' });
    expect(texted.at(-1)).toBe('+886912345678');

    const cn = await s.register();
    const cnSent = await s.call('POST', '/v1/verification/phone/send', { phone: '138 1234 5678', country: 'CN' }, cn.token);
    expect(cnSent.body).toMatchObject({ sent: true, phone: '+8613812345678' });
    expect(texted.at(-1)).toBe('+8613812345678');

    const other = await s.register();
    const landline = await s.call('POST', '/v1/verification/phone/send', { phone: '02-2345-6789' }, other.token);
    expect(landline.status).toBe(400);
    expect(JSON.stringify(landline.body)).toContain('phone');
    expect(texted).toHaveLength(2);
  });
});
