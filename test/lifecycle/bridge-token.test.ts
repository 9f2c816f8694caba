import { describe, expect, it } from 'vitest';
import { fixedBridgeToken } from '../../src/main/cli/commands/serve.js';
import { StudioError, toErrorInfo } from '../../src/shared/errors.js';

/** KINGJAM_BRIDGE_TOKEN lets a Prometheus scrape of /metrics survive `kingjam serve` restarts, but only with a token as strong as the random one. */
describe('a fixed bridge token', () => {
  it('is unused when unset or empty, so each start makes a random one', () => {
    expect(fixedBridgeToken(undefined)).toBeNull();
    expect(fixedBridgeToken('')).toBeNull();
  });

  it('is taken when it has at least 32 letters, digits, - or _', () => {
    const token = 'a1B2-c3D4_e5F6g7H8i9J0k1L2m3N4o5P6';
    expect(fixedBridgeToken(token)).toBe(token);
  });

  it('is refused when short or with other characters, saying how to make one', () => {
    for (const weak of ['password', 'x'.repeat(31), `${'y'.repeat(40)} `, `${'z'.repeat(40)}/`]) {
      let caught: unknown;
      try {
        fixedBridgeToken(weak);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(StudioError);
      expect(toErrorInfo(caught)).toMatchObject({ code: 'BAD_INPUT', key: 'lifecycle.bridgeTokenWeak', params: { min: 32 } });
    }
  });
});
