import { PNG } from 'pngjs';
import type { Study } from '../study';

const TILE_ZOOM = 2;
const COLUMNS = 6;
const MAX_TILES = 36;

type Rgb = [number, number, number];
const LIVER_COLOUR: Rgb = [40, 200, 90];
const LESION_COLOUR: Rgb = [230, 40, 40];
const GOLD_COLOUR: Rgb = [255, 200, 0];

/**
 * A PNG contact sheet for a person to look at: axial PET slices through the liver (inverted grey,
 * SUV 0 to 2.5 × liver), head at the top-left, with contours of the liver (green), the true
 * lesions (red) and the gold standard (yellow). Returns the encoded PNG.
 */
export function renderContactSheet(study: Study): Buffer {
  const [nx, ny, nz] = study.petGrid.dimensions;
  const sliceSize = nx * ny;
  const liverSlices: number[] = [];
  for (let k = nz - 1; k >= 0; k--) {
    if (study.liverMask.subarray(k * sliceSize, (k + 1) * sliceSize).some((v) => v !== 0)) liverSlices.push(k);
  }
  const step = Math.max(1, Math.ceil(liverSlices.length / MAX_TILES));
  const shown = liverSlices.filter((_, n) => n % step === 0);
  const tileW = nx * TILE_ZOOM;
  const tileH = ny * TILE_ZOOM;
  const rows = Math.max(1, Math.ceil(shown.length / COLUMNS));
  const png = new PNG({ width: tileW * COLUMNS, height: tileH * rows });
  png.data.fill(255);
  const windowMax = Math.max(1e-3, 2.5 * study.liverSuv);
  shown.forEach((k, tile) => {
    const offsetX = (tile % COLUMNS) * tileW;
    const offsetY = Math.floor(tile / COLUMNS) * tileH;
    const at = (volume: ArrayLike<number>, i: number, j: number): number => (i < 0 || j < 0 || i >= nx || j >= ny ? 0 : volume[k * sliceSize + j * nx + i]);
    const onEdge = (volume: ArrayLike<number>, i: number, j: number): boolean => {
      const value = at(volume, i, j);
      return value !== 0 && (at(volume, i - 1, j) !== value || at(volume, i + 1, j) !== value || at(volume, i, j - 1) !== value || at(volume, i, j + 1) !== value);
    };
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const grey = 255 - Math.round(255 * Math.min(1, at(study.petSuv, i, j) / windowMax));
        let colour: Rgb = [grey, grey, grey];
        if (onEdge(study.liverMask, i, j)) colour = LIVER_COLOUR;
        if (onEdge(study.goldLabels, i, j)) colour = GOLD_COLOUR;
        if (onEdge(study.lesionLabels, i, j)) colour = LESION_COLOUR;
        for (let dy = 0; dy < TILE_ZOOM; dy++) {
          for (let dx = 0; dx < TILE_ZOOM; dx++) {
            const p = ((offsetY + j * TILE_ZOOM + dy) * png.width + offsetX + i * TILE_ZOOM + dx) * 4;
            png.data[p] = colour[0];
            png.data[p + 1] = colour[1];
            png.data[p + 2] = colour[2];
            png.data[p + 3] = 255;
          }
        }
      }
    }
  });
  return PNG.sync.write(png);
}
