/**
 * Every physical and difficulty parameter of the phantom, in one place, with its source.
 * Callers (the CLI's `--param name=value`, the model's calibration) override any of them through
 * `resolveParameters`; values outside `PARAMETER_LIMITS` are refused.
 *
 * Uptake values are the true (unblurred) SUVbw (g/ml) of 68Ga-DOTATATE about 60 min after
 * injection. Where a published SUVmean was found it is used; otherwise the value is 0.7 × the
 * published mean SUVmax (0.7 is the SUVmean/SUVmax ratio of the spleen: 17.3 / 24.67). Sources
 * checked (abstracts; the table in the phantom documentation says which number came from where):
 *  - Kuyumcu S. et al., "Physiological and tumoral uptake of 68Ga-DOTATATE: standardized uptake
 *    values and challenges in interpretation", Ann Nucl Med (2013): mean SUVmax spleen 24.67,
 *    kidneys 14.30, adrenals 13.73, pituitary 9.74, liver 9.12; liver lesions 28.72;
 *  - "Highly variable biodistribution of 68Ga labeled somatostatin analogues 68Ga-DOTA-NOC and
 *    68Ga-DOTA-TATE in neuroendocrine tumors" (81 patients): median SUVmean liver 4.8 (range
 *    2.3–12.4), spleen 16 (average 17.3, range 5.4–34.4), adrenals 12.6; hepatic lesions SUVmean
 *    16.5 ± 8.0;
 *  - Moradi F. et al., Clin Nucl Med 2016;41:e281–e287: SUVmax > 7 in spleen, kidneys, adrenals,
 *    pituitary, stomach, liver; 3.5–7 in jejunum, pancreas, ileum; 2–3.5 in colon, skeleton;
 *  - Mapelli P. et al., Nucl Med Commun 2014;35:613–619: physiological pancreatic head/uncinate
 *    SUVmax 2.4–12.7 (mean 5.9 ± 3.2).
 * Tissues reported without a number (fat) are low-background guesses. Each study draws its own
 * values around these (`organVariation`, `liverSuvSd`).
 */
export interface PhantomParameters {
  /**
   * Liver SUVmean across patients: mean and SD (the "sink effect" makes it vary widely). 5.5 lies
   * between the published median SUVmean 4.8 (range 2.3–12.4) and 0.7 × the mean SUVmax 9.12.
   */
  liverSuvMean: number;
  liverSuvSd: number;
  /** Amplitude (fraction) of smooth, low-frequency uptake variation inside the liver. */
  liverHeterogeneity: number;
  spleenSuv: number;
  kidneySuv: number;
  adrenalSuv: number;
  pancreasSuv: number;
  stomachSuv: number;
  bowelSuv: number;
  bloodPoolSuv: number;
  boneMarrowSuv: number;
  muscleSuv: number;
  fatSuv: number;
  lungSuv: number;
  /** Relative SD of each non-liver organ's uptake between patients. */
  organVariation: number;

  /**
   * Effective in-plane and axial resolution (FWHM, mm) of the reconstructed 68Ga image: the GE
   * Discovery STE's NEMA NU 2 resolution (transaxial 4.87/5.12 mm 2D/3D at 1 cm, 5.5–5.9 mm at
   * 10 cm; axial 4.4–6.0 mm; Teräs M. et al., Eur J Nucl Med Mol Imaging 2007) widened by
   * clinical OSEM with post-filtering and by the 68Ga positron range (larger than 18F's; the
   * exact widening is an estimate, not a published figure for this scanner).
   */
  psfFwhmMm: number;
  /**
   * Voxel noise: coefficient of variation in normal liver, drawn per study in [min, max]
   * (68Ga gives > 60 % fewer true counts than 18F at about half the activity). A liver SNR of 6.2
   * (CoV ≈ 0.16) gave "moderate to good" 68Ga-DOTATATE image quality ("Standardized image
   * quality for 68Ga-DOTA-TATE PET/CT", EJNMMI Res 2020); no figure for the Discovery STE was
   * found. Noise SD scales with √(activity).
   */
  noiseCovMin: number;
  noiseCovMax: number;
  /** FWHM (mm) of the Gaussian that correlates the noise (reconstruction makes noise blobby). */
  noiseCorrelationFwhmMm: number;

  /** Lesion diameter (mm): log-normal median and SD of the log, clipped to [min, max]. */
  lesionDiameterMedianMm: number;
  lesionDiameterLogSd: number;
  lesionDiameterMinMm: number;
  lesionDiameterMaxMm: number;
  /** Lesion-to-liver uptake ratio: log-normal median and SD of the log, clipped to [min, max]. */
  lesionContrastMedian: number;
  lesionContrastLogSd: number;
  lesionContrastMin: number;
  lesionContrastMax: number;
  /**
   * Fraction of lesions whose uptake is drawn near the PERCIST threshold (0.8–1.3 × the expected
   * threshold): the hard cases the paper's failures came from.
   */
  nearThresholdFraction: number;
  /** Smallest gap (mm) between two lesions' surfaces: lesions are non-confluent. */
  lesionGapMm: number;

  /** Liver craniocaudal extent in slices: mean, SD, clipped to [min, max] (paper: 23–71). */
  liverSlicesMean: number;
  liverSlicesSd: number;
  liverSlicesMin: number;
  liverSlicesMax: number;

  /**
   * Axial slice spacing and thickness (mm): Discovery STE clinical reconstructions are
   * 128 × 128 at 4.6875 × 4.6875 × 3.27 mm (15.7 cm axial field of view).
   */
  sliceThicknessMm: number;
  /** Transaxial field of view (mm) of the 128 × 128 PET matrix (CT uses 256 × 256 on the same FOV). */
  fieldOfViewMm: number;

  /**
   * Injected activity (MBq), uniform in [min, max] (paper: about 148–185 MBq; NETSPOT label:
   * 2 MBq/kg up to 200 MBq).
   */
  injectedMBqMin: number;
  injectedMBqMax: number;
  /** Injection-to-scan time (min), uniform in [min, max] (NETSPOT label: start 40–90 min). */
  uptakeMinutesMin: number;
  uptakeMinutesMax: number;
  patientWeightKgMin: number;
  patientWeightKgMax: number;
  /** CT noise SD in HU. */
  ctNoiseHu: number;
}

export const DEFAULT_PARAMETERS: Readonly<PhantomParameters> = Object.freeze({
  liverSuvMean: 5.5,
  liverSuvSd: 1.5,
  liverHeterogeneity: 0.05,
  spleenSuv: 17,
  kidneySuv: 10,
  adrenalSuv: 10,
  pancreasSuv: 4,
  stomachSuv: 6,
  bowelSuv: 2.5,
  bloodPoolSuv: 1.8,
  boneMarrowSuv: 1.5,
  muscleSuv: 0.8,
  fatSuv: 0.3,
  lungSuv: 0.3,
  organVariation: 0.2,
  psfFwhmMm: 7,
  noiseCovMin: 0.1,
  noiseCovMax: 0.2,
  noiseCorrelationFwhmMm: 7,
  lesionDiameterMedianMm: 14,
  lesionDiameterLogSd: 0.45,
  lesionDiameterMinMm: 5,
  lesionDiameterMaxMm: 40,
  lesionContrastMedian: 2.6,
  lesionContrastLogSd: 0.45,
  lesionContrastMin: 1.3,
  lesionContrastMax: 8,
  nearThresholdFraction: 0.25,
  lesionGapMm: 5,
  liverSlicesMean: 45,
  liverSlicesSd: 10,
  liverSlicesMin: 23,
  liverSlicesMax: 71,
  sliceThicknessMm: 3.27,
  fieldOfViewMm: 600,
  injectedMBqMin: 148,
  injectedMBqMax: 185,
  uptakeMinutesMin: 45,
  uptakeMinutesMax: 75,
  patientWeightKgMin: 50,
  patientWeightKgMax: 110,
  ctNoiseHu: 12,
});

/** Inclusive [min, max] each parameter may take. */
export const PARAMETER_LIMITS: Readonly<Record<keyof PhantomParameters, readonly [number, number]>> = Object.freeze({
  liverSuvMean: [1, 30],
  liverSuvSd: [0, 10],
  liverHeterogeneity: [0, 0.5],
  spleenSuv: [0, 100],
  kidneySuv: [0, 100],
  adrenalSuv: [0, 100],
  pancreasSuv: [0, 100],
  stomachSuv: [0, 100],
  bowelSuv: [0, 100],
  bloodPoolSuv: [0, 100],
  boneMarrowSuv: [0, 100],
  muscleSuv: [0, 100],
  fatSuv: [0, 100],
  lungSuv: [0, 100],
  organVariation: [0, 0.5],
  psfFwhmMm: [0, 20],
  noiseCovMin: [0, 1],
  noiseCovMax: [0, 1],
  noiseCorrelationFwhmMm: [0, 30],
  lesionDiameterMedianMm: [3, 60],
  lesionDiameterLogSd: [0, 2],
  lesionDiameterMinMm: [3, 60],
  lesionDiameterMaxMm: [3, 60],
  lesionContrastMedian: [1, 50],
  lesionContrastLogSd: [0, 2],
  lesionContrastMin: [1, 50],
  lesionContrastMax: [1, 50],
  nearThresholdFraction: [0, 1],
  lesionGapMm: [0, 50],
  liverSlicesMean: [15, 90],
  liverSlicesSd: [0, 30],
  liverSlicesMin: [15, 90],
  liverSlicesMax: [15, 90],
  sliceThicknessMm: [1, 6],
  fieldOfViewMm: [400, 800],
  injectedMBqMin: [10, 1000],
  injectedMBqMax: [10, 1000],
  uptakeMinutesMin: [10, 240],
  uptakeMinutesMax: [10, 240],
  patientWeightKgMin: [20, 250],
  patientWeightKgMax: [20, 250],
  ctNoiseHu: [0, 100],
});

/** Raised when a parameter override is unknown or out of range; the message names it. */
export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

export function isParameterName(name: string): name is keyof PhantomParameters {
  return Object.prototype.hasOwnProperty.call(DEFAULT_PARAMETERS, name);
}

/** Defaults with the overrides applied, after checking names, ranges and min ≤ max pairs. */
export function resolveParameters(overrides: Partial<PhantomParameters> = {}): PhantomParameters {
  const resolved: PhantomParameters = { ...DEFAULT_PARAMETERS };
  for (const [name, value] of Object.entries(overrides)) {
    if (!isParameterName(name)) {
      throw new ParameterError(`unknown parameter "${name}" (known: ${Object.keys(DEFAULT_PARAMETERS).join(', ')})`);
    }
    const [low, high] = PARAMETER_LIMITS[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < low || value > high) {
      throw new ParameterError(`parameter ${name}=${String(value)} is outside its range [${low}, ${high}]`);
    }
    resolved[name] = value;
  }
  const pairs: Array<[keyof PhantomParameters, keyof PhantomParameters]> = [
    ['noiseCovMin', 'noiseCovMax'],
    ['lesionDiameterMinMm', 'lesionDiameterMaxMm'],
    ['lesionContrastMin', 'lesionContrastMax'],
    ['liverSlicesMin', 'liverSlicesMax'],
    ['injectedMBqMin', 'injectedMBqMax'],
    ['uptakeMinutesMin', 'uptakeMinutesMax'],
    ['patientWeightKgMin', 'patientWeightKgMax'],
  ];
  for (const [lowName, highName] of pairs) {
    if (resolved[lowName] > resolved[highName]) {
      throw new ParameterError(`${lowName} (${resolved[lowName]}) must not exceed ${highName} (${resolved[highName]})`);
    }
  }
  return resolved;
}

/** Parses `name=value` strings (the CLI's --param) into overrides; throws ParameterError. */
export function parseParameterAssignments(assignments: string[]): Partial<PhantomParameters> {
  const overrides: Partial<PhantomParameters> = {};
  for (const assignment of assignments) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(assignment.trim());
    if (!match) throw new ParameterError(`expected name=value, got "${assignment}"`);
    const [, name, text] = match;
    if (!isParameterName(name)) {
      throw new ParameterError(`unknown parameter "${name}" (known: ${Object.keys(DEFAULT_PARAMETERS).join(', ')})`);
    }
    const value = Number(text);
    if (!Number.isFinite(value)) throw new ParameterError(`parameter ${name} needs a number, got "${text}"`);
    overrides[name] = value;
  }
  return overrides;
}
