import { writePsdBuffer, type Layer, type Psd } from 'ag-psd';
import { INK_PSD_LAYERS } from '../../../shared/ink/options.js';
import { composite, type InkLayers, type Rgba } from './layers.js';

/**
 * The layered PSD (ag-psd, raw pixel data so no canvas is needed). ag-psd lists
 * children bottom first; the names are the English ones in INK_PSD_LAYERS.
 */
function layer(name: string, image: Rgba, extra: Partial<Layer> = {}): Layer {
  return { name, top: 0, left: 0, bottom: image.height, right: image.width, imageData: image, ...extra };
}

export function writeInkPsd(layers: InkLayers): { psd: Buffer; flattened: Rgba } {
  const [lineArt, shading, flat, background] = INK_PSD_LAYERS;
  const flattened = composite(layers);
  const doc: Psd = {
    width: layers.background.width,
    height: layers.background.height,
    channels: 3,
    bitsPerChannel: 8,
    colorMode: 3 /* RGB */,
    imageData: flattened,
    children: [
      layer(background, layers.background),
      layer(flat, layers.flat),
      layer(shading, layers.shading, { blendMode: 'multiply' }),
      layer(lineArt, layers.lineArt),
    ],
  };
  return { psd: writePsdBuffer(doc, { generateThumbnail: false }), flattened };
}
