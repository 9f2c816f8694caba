import { BOX_LIMITS } from '../../../src/shared/boxes/wire.js';
import { ApiError } from '../errors.js';

type ImageType = (typeof BOX_LIMITS.imageTypes)[number];

/** Item images are recognised by their first bytes: the declared type alone is not trusted. */
const MAGIC: Record<ImageType, (b: Buffer) => boolean> = {
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) => b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** The image's bytes, once they are of the declared type and within BOX_LIMITS.maxImageBytes. */
export function decodeItemImage(index: number, image: { content_type: ImageType; data_base64: string }): Buffer {
  const data = Buffer.from(image.data_base64, 'base64');
  if (data.length > BOX_LIMITS.maxImageBytes) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `items.${index}.image: at most ${BOX_LIMITS.maxImageBytes} bytes`);
  if (!MAGIC[image.content_type](data)) throw new ApiError(400, 'VALIDATION_ERROR', `items.${index}.image: the data is not a ${image.content_type}`);
  return data;
}
