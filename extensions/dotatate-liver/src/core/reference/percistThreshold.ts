/** The modified PERCIST threshold of the study: 1.5 × liver mean + 2 × liver SD (volume units). */
export function percistThreshold(mean: number, sd: number): number {
  return 1.5 * mean + 2 * sd;
}
