import type { StudioClient } from '../api/index.js';
import { deviceId } from './device-id.js';
import { collectSignals } from './signals.js';

/** Once per start: measures the machine, hashes it with this install's salt, and hands main the id it sends to the cloud. */
export async function reportDevice(client: StudioClient): Promise<string> {
  const [{ salt }, signals] = await Promise.all([client.call('device.salt', {}), collectSignals()]);
  const id = await deviceId(signals, salt);
  await client.call('device.report', { id });
  return id;
}
