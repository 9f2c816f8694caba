export { loadRgb, type RgbImage } from './image.js';
export { detectFaces } from './faces.js';
export { segmentPeople } from './segment.js';
export { laplacianVariance } from './sharpness.js';
