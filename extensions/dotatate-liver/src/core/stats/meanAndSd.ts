/** Mean and sample standard deviation (n − 1) of values; sd is 0 for fewer than two. */
export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number; count: number } {
  const count = values.length;
  if (count === 0) return { mean: NaN, sd: NaN, count };
  let sum = 0;
  for (let n = 0; n < count; n++) sum += values[n];
  const mean = sum / count;
  let squares = 0;
  for (let n = 0; n < count; n++) squares += (values[n] - mean) ** 2;
  return { mean, sd: count > 1 ? Math.sqrt(squares / (count - 1)) : 0, count };
}
