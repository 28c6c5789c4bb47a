import { calculateSUVScalingFactors } from '@cornerstonejs/calculate-suv';
import type { InstanceMetadata } from '@cornerstonejs/calculate-suv';

/** How stored PET values (after Rescale Slope/Intercept) become the volume's units. */
export type SuvConversion =
  | { units: 'SUVbw'; /** One factor per instance: SUVbw = rescaled value × factor (g/ml). */ factors: number[] }
  | { units: 'relative'; /** Why SUVbw could not be computed, for the reader. */ reason: string };

/**
 * SUV body-weight factors for the instances of one PET series, from their headers, by
 * @cornerstonejs/calculate-suv (decay correction to injection time, Philips private factors,
 * GE post-injection time). When the headers do not allow it (missing weight, dose, times,
 * CNTS without private factors, no ATTN/DECY correction), returns 'relative' units with the
 * library's reason, so detection still runs: the PERCIST threshold is relative to the liver.
 */
export function computeSuvbwFactors(instances: InstanceMetadata[]): SuvConversion {
  if (instances.length === 0) return { units: 'relative', reason: 'no PET instances were given' };
  try {
    // Philips private factors can arrive as decimal strings and pass through unchanged.
    const factors = calculateSUVScalingFactors(instances).map((result) => Number(result.suvbw));
    const bad = factors.findIndex((factor) => !Number.isFinite(factor) || factor <= 0);
    if (bad >= 0) return { units: 'relative', reason: `SUVbw factor of instance ${bad + 1} is not a positive number (${factors[bad]})` };
    return { units: 'SUVbw', factors };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { units: 'relative', reason: `SUVbw cannot be computed from the headers: ${message}` };
  }
}
