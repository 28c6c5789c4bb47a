import { automaticLiverMask, growRegionFromSeed } from '../../src/core/liver';
import type { MaskVolume, Vec3 } from '../../src/core/types';
import { analyticStudy, dice, forEachVoxel, insideEllipsoid } from './helpers/analyticVolumes';
import type { AnalyticOrgan } from './helpers/analyticVolumes';

/** Fraction of an organ's voxels (outside the true liver) that the mask holds. */
function organFraction(mask: MaskVolume, liver: MaskVolume, organ: AnalyticOrgan): number {
  let voxels = 0;
  let taken = 0;
  forEachVoxel(mask, (index, lps) => {
    if (liver.voxels[index] || !insideEllipsoid(lps, organ.centre, organ.semiAxes)) return;
    voxels++;
    taken += mask.voxels[index];
  });
  return voxels ? taken / voxels : NaN;
}

function lesionVoxelsOutside(mask: MaskVolume, lesionLabels: Uint16Array): number {
  let outside = 0;
  for (let index = 0; index < lesionLabels.length; index++) if (lesionLabels[index] && !mask.voxels[index]) outside++;
  return outside;
}

// The liver ellipsoid of the analytic abdomen: centre (−55, 0, 0) mm, semi-axes 75 × 65 × 60 mm.
const scanner = { psfFwhmMm: 8, noiseCov: 0.1 };

describe('liver grown from a click on a hot lesion inside it', () => {
  // An 18 mm lesion at 3 × liver uptake under the click: its neighbourhood is lesion, not liver.
  const lesion = { centre: [-65, -5, 5] as Vec3, radiusMm: 18, suv: 18 };
  const study = analyticStudy({ lesions: [lesion, { centre: [-30, 30, 20], radiusMm: 9, suv: 20 }], ...scanner, seed: 21 });

  it('walks out of the lesion and grows the liver around it, lesion included', () => {
    // A level taken under the click (the lesion's) grew the lesion alone: Dice 0.1.
    const liver = growRegionFromSeed(study.pet, lesion.centre);
    expect(dice(liver.voxels, study.liver.voxels)).toBeGreaterThan(0.93);
    expect(lesionVoxelsOutside(liver, study.lesionLabels)).toBe(0);
  });
});

describe('liver grown from a click beside a larger neighbour of the same uptake joined by a thin bridge', () => {
  // The liver reaches x = 20 mm; the neighbour (liver uptake, larger than the liver) starts at
  // x = 26 mm, and a bridge of 10 mm diameter joins them. No blur: the gap stays cold.
  const neighbour: AnalyticOrgan = { centre: [92, 0, 0], semiAxes: [66, 80, 74], suv: 6 };
  const bridge: AnalyticOrgan = { centre: [22, 0, 0], semiAxes: [12, 5, 5], suv: 6 };
  const study = analyticStudy({ organs: [neighbour, bridge], noiseCov: 0.05, psfFwhmMm: 0, seed: 22 });

  it('keeps to the clicked liver and leaves the neighbour out', () => {
    // Keeping the largest component after the opening returned the neighbour for a click in the liver.
    const liver = growRegionFromSeed(study.pet, [-70, 10, -5]);
    expect(dice(liver.voxels, study.liver.voxels)).toBeGreaterThan(0.93);
    expect(organFraction(liver, study.liver, neighbour)).toBeLessThan(0.02);
  });

  it('grows the neighbour instead when the click is in the neighbour', () => {
    const grown = growRegionFromSeed(study.pet, [100, 0, 0]);
    expect(organFraction(grown, study.liver, neighbour)).toBeGreaterThan(0.9);
    expect(dice(grown.voxels, study.liver.voxels)).toBeLessThan(0.1);
  });
});

describe('liver grown from a click anywhere in the liver', () => {
  const kidney: AnalyticOrgan = { centre: [-55, 88, -10], semiAxes: [28, 25, 40], suv: 12 };
  const study = analyticStudy({ organs: [kidney], ...scanner, seed: 23 });
  const automatic = automaticLiverMask(study.pet);

  it('gives the automatic mask wherever the click lands: deep, near the kidney, or in the thin tip', () => {
    // A liver level from the click's own neighbourhood made every click grow a different liver.
    for (const click of [study.liverCentre, [-60, 45, -10], [5, -10, 0]] as Vec3[]) {
      const liver = growRegionFromSeed(study.pet, click);
      expect(dice(liver.voxels, automatic.voxels)).toBe(1);
    }
    expect(dice(automatic.voxels, study.liver.voxels)).toBeGreaterThan(0.95);
    expect(organFraction(automatic, study.liver, kidney)).toBeLessThan(0.1);
  });
});

describe('liver grown from a click where the liver is not clearly above the body', () => {
  // Liver at 2 × the body's uptake: below the organ threshold (2.5 × body median), so the
  // automatic mask finds only the small spleen and refuses it; the click still finds the liver.
  const study = analyticStudy({ liverSuv: 2, noiseCov: 0.05, seed: 24 });

  it('takes the liver level from the click\'s neighbourhood', () => {
    expect(() => automaticLiverMask(study.pet)).toThrow(/less than a liver/);
    const liver = growRegionFromSeed(study.pet, study.liverCentre);
    expect(dice(liver.voxels, study.liver.voxels)).toBeGreaterThan(0.9);
  });
});

describe('liver grown from a click outside anything liver-like', () => {
  it('refuses a click in empty air around the body, saying where to click', () => {
    const study = analyticStudy({ seed: 25 });
    // The grid's corner lies outside the body ellipsoid: no uptake there.
    const corner = [study.pet.origin[0], study.pet.origin[1], 0] as Vec3;
    expect(() => growRegionFromSeed(study.pet, corner)).toThrow(/without uptake|place it/);
  });
});
