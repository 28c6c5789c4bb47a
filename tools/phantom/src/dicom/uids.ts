import { hashToDecimal128 } from '../random';

/**
 * A deterministic UID for one role in one study: "2.25." followed by a 128-bit integer from a
 * SHA-256 of the seed and the role (the 2.25 arc allows any UUID-sized integer), so the same seed
 * always gives the same UIDs and different seeds or roles never share one in practice.
 */
export function deterministicUid(seed: number, role: string): string {
  return `2.25.${hashToDecimal128(`dotatate-liver-phantom:${seed}:${role}`)}`;
}

/** The UIDs one study needs. */
export interface StudyUids {
  study: string;
  frameOfReference: string;
  petSeries: string;
  ctSeries: string;
  segSeries: string;
  seg: string;
  petInstance(slice: number): string;
  ctInstance(slice: number): string;
}

export function studyUids(seed: number): StudyUids {
  return {
    study: deterministicUid(seed, 'study'),
    frameOfReference: deterministicUid(seed, 'frame-of-reference'),
    petSeries: deterministicUid(seed, 'pet-series'),
    ctSeries: deterministicUid(seed, 'ct-series'),
    segSeries: deterministicUid(seed, 'seg-series'),
    seg: deterministicUid(seed, 'seg-instance'),
    petInstance: (slice) => deterministicUid(seed, `pet-instance-${slice}`),
    ctInstance: (slice) => deterministicUid(seed, `ct-instance-${slice}`),
  };
}
