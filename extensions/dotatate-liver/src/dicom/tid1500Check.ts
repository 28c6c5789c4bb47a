/**
 * The project's content rules for TID 1500 reports, which neither dciodvfy nor dsrdump check:
 * procedure reported, an image library with images, one measurement group per lesion whose
 * referenced segment exists in the SEG, tracking identifiers and UIDs, units and codes.
 * Works on naturalized datasets (see readPart10), so it can check third-party reports too.
 */
import { CODES, SOP_CLASS, UNITS, codeKey, type Code } from './codes';
import { itemsOf, numberOf, textOf, type NaturalizedDataset } from './dataset';
import { childNamed, childrenNamed, childrenOf, conceptOf, descendants, numericOf, sameCode, textValueOf, uidValueOf, valueCodeOf, type SrItem } from './srTree';
import { isValidUid } from './uid';

export interface Tid1500Problem {
  /** Short rule name, stable for tests and logs. */
  rule: string;
  message: string;
}

export interface CheckOptions {
  /**
   * Also require this project's codes in lesion groups: finding (14799000, SCT), finding site
   * liver (10200004, SCT), and a Derivation on every SUVbw value. Default true; false checks only
   * the generic TID 1500 rules.
   */
  projectCodes?: boolean;
}

const SR_CLASSES: string[] = [SOP_CLASS.comprehensiveSr, SOP_CLASS.enhancedSr, SOP_CLASS.comprehensive3dSr];
const describe = (c: Code | undefined) => (c ? `(${c.value}, ${c.scheme}, "${c.meaning}")` : 'nothing');

export function checkTid1500(sr: NaturalizedDataset, seg?: NaturalizedDataset, options: CheckOptions = {}): Tid1500Problem[] {
  const projectCodes = options.projectCodes ?? true;
  const problems: Tid1500Problem[] = [];
  const problem = (rule: string, message: string) => problems.push({ rule, message });

  if (!SR_CLASSES.includes(textOf(sr, 'SOPClassUID') ?? '')) problem('sop-class', `SOP Class ${textOf(sr, 'SOPClassUID')} is not an Enhanced, Comprehensive or Comprehensive 3D SR.`);
  if (!sameCode(conceptOf(sr), CODES.imagingMeasurementReport) || textOf(sr, 'ValueType') !== 'CONTAINER') {
    problem('root', `The root is ${describe(conceptOf(sr))}, not the CONTAINER (126000, DCM, "Imaging Measurement Report").`);
  }
  const template = itemsOf(sr, 'ContentTemplateSequence')[0];
  if (!template || textOf(template, 'TemplateIdentifier') !== '1500') problem('template', 'The root does not declare template TID 1500.');
  if (!childNamed(sr, CODES.languageOfContent)) problem('language', 'No "Language of Content Item and Descendants" item.');
  if (!childNamed(sr, CODES.observerType)) problem('observer', 'No observer context (Observer Type).');
  const procedure = childNamed(sr, CODES.procedureReported);
  if (!procedure || !valueCodeOf(procedure)) problem('procedure-reported', 'No "Procedure reported" item (121058, DCM).');

  const library = childNamed(sr, CODES.imageLibrary);
  if (!library) problem('image-library', 'No "Image Library" container (111028, DCM).');
  else if (!descendants(library).some((item) => textOf(item, 'ValueType') === 'IMAGE')) problem('image-library', 'The Image Library lists no images.');

  // Every NUM anywhere must carry a value with units (TID 300 / NUM content item macro).
  for (const item of descendants(sr)) {
    if (textOf(item, 'ValueType') === 'NUM' && !numericOf(item)) {
      problem('num-value', `NUM item ${describe(conceptOf(item))} has no measured value (MeasuredValueSequence).`);
    }
  }

  const measurements = childNamed(sr, CODES.imagingMeasurements);
  const groups = measurements ? childrenNamed(measurements, CODES.measurementGroup) : [];
  const segmentNumbers = new Set(itemsOf(seg ?? {}, 'SegmentSequence').map((s) => numberOf(s, 'SegmentNumber')));
  const segSop = seg ? textOf(seg, 'SOPInstanceUID') : undefined;
  const referencedSegments = new Map<number, number>();
  const trackingUids = new Set<string>();

  groups.forEach((group, index) => {
    const name = `Measurement group ${index + 1}`;
    const trackingId = textValueOf(childNamed(group, CODES.trackingIdentifier) ?? {});
    const trackingUid = uidValueOf(childNamed(group, CODES.trackingUniqueIdentifier) ?? {});
    if (!trackingId) problem('tracking-id', `${name} has no Tracking Identifier.`);
    if (!isValidUid(trackingUid)) problem('tracking-uid', `${name} has no valid Tracking Unique Identifier (${trackingUid ?? 'missing'}).`);
    else if (trackingUids.has(trackingUid)) problem('tracking-uid', `${name} repeats Tracking UID ${trackingUid}.`);
    else trackingUids.add(trackingUid);
    const finding = valueCodeOf(childNamed(group, CODES.finding) ?? {});
    if (!finding) problem('finding', `${name} has no Finding.`);
    const site = valueCodeOf(childNamed(group, CODES.findingSite) ?? {});

    const segmentReference = childNamed(group, CODES.referencedSegment);
    if (!segmentReference) {
      if (finding && sameCode(finding, CODES.liverReferenceRegion)) return; // the liver reference group (TID 1501)
      problem('referenced-segment', `${name} (${trackingId ?? 'untracked'}) has no Referenced Segment.`);
      return;
    }
    const reference = itemsOf(segmentReference, 'ReferencedSOPSequence')[0] ?? {};
    const segmentNumber = numberOf(reference, 'ReferencedSegmentNumber');
    if (segmentNumber === undefined) problem('referenced-segment', `${name} refers to no segment number.`);
    else {
      referencedSegments.set(segmentNumber, (referencedSegments.get(segmentNumber) ?? 0) + 1);
      if (seg && !segmentNumbers.has(segmentNumber)) problem('referenced-segment', `${name} refers to segment ${segmentNumber}, which the SEG does not have.`);
    }
    if (seg && textOf(reference, 'ReferencedSOPInstanceUID') !== segSop) problem('referenced-segment', `${name} refers to another SEG than the one given.`);
    if (!childNamed(group, CODES.sourceSeriesForSegmentation)) problem('source-series', `${name} has no "Source series for segmentation".`);
    if (projectCodes) {
      if (finding && !sameCode(finding, CODES.metastaticNeoplasm)) problem('finding', `${name} finding is ${describe(finding)}, not (14799000, SCT, "Neoplasm, metastatic").`);
      if (!site || !sameCode(site, CODES.liver)) problem('finding-site', `${name} finding site is ${describe(site)}, not liver (10200004, SCT).`);
    }
    checkUnits(group, name, projectCodes, problem);
  });

  if (seg) {
    for (const number of segmentNumbers) {
      const count = number === undefined ? 0 : (referencedSegments.get(number) ?? 0);
      if (count !== 1) problem('group-per-lesion', `SEG segment ${number} is referenced by ${count} measurement groups, not exactly one.`);
    }
  }
  return problems;
}

function checkUnits(group: SrItem, name: string, projectCodes: boolean, problem: (rule: string, message: string) => void): void {
  let hasSuvMeasurement = false;
  for (const item of childrenOf(group)) {
    const concept = conceptOf(item);
    const numeric = numericOf(item);
    if (!numeric) continue;
    if (sameCode(concept, CODES.suvbw)) {
      hasSuvMeasurement = true;
      if (!numeric.units || codeKey(numeric.units) !== codeKey(UNITS.suvbw)) {
        problem('units', `${name}: SUVbw is in ${describe(numeric.units)}, not ({SUVbw}g/ml, UCUM).`);
      }
      if (projectCodes && !childNamed(item, CODES.derivation)) problem('derivation', `${name}: an SUVbw value has no Derivation (maximum, mean, peak, ...).`);
    }
    if (sameCode(concept, CODES.volume) && (!numeric.units || codeKey(numeric.units) !== codeKey(UNITS.millilitre))) {
      problem('units', `${name}: Volume is in ${describe(numeric.units)}, not (ml, UCUM).`);
    }
  }
  if (hasSuvMeasurement) {
    const method = valueCodeOf(childNamed(group, CODES.measurementMethod) ?? {});
    if (!method || !sameCode(method, CODES.suvBodyWeightMethod)) {
      problem('measurement-method', `${name}: SUVbw values without Measurement Method (126410, DCM, "SUV body weight calculation method").`);
    }
  }
}
