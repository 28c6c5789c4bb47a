/**
 * Numbers for the narrow candidate list: as many digits as the value's size warrants, so every
 * cell fits its column (at most four or five characters). The full value is the cell's tooltip.
 */

/** SUV (SUVbw or relative units): one decimal, none from 100 up ("12.3", "143"). */
export function formatSuv(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** Volume in ml: two decimals below 10 ml, one below 100 ml, none above ("0.07", "42.5", "231"). */
export function formatVolumeMl(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const size = Math.abs(value);
  return size >= 100 ? value.toFixed(0) : size >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Detector score in [0, 1]: two decimals. */
export function formatScore(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '–';
}
