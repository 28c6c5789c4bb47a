import { buildReportObjects } from 'ohif-extension-dotatate-liver/src/adapter/report/buildReport';
import { detect as runDetection, lesionStatistics, LiverNotFoundError, pasteIntoVolume, toDetectionJson } from 'ohif-extension-dotatate-liver/src/core';
import type { DetectorStep, LesionStatistics, MaskVolume, PetVolume, Vec3 } from 'ohif-extension-dotatate-liver/src/core';
import { checkTid1500, DicomInputError as ReportInputError, petSeriesFromDatasets } from 'ohif-extension-dotatate-liver/src/dicom';
import {
  algorithmTypeOf,
  paintRegion,
  regionFromLabel,
  type ReviewCandidate,
  type ReviewSnapshot,
} from 'ohif-extension-dotatate-liver/src/state';
import { parseCommandArgs, requiredOption, singlePositional } from '../args';
import { CliCommand, UsageError } from '../command';
import { buildPetVolume } from '../io/buildPetVolume';
import { DicomInputError } from '../io/DicomInputError';
import { choosePetSeries } from '../io/petSeries';
import { petIdentityOf, readLiverSeg } from '../io/readLiverSeg';
import { checkDistinctOutputs, checkOutputPath, writeFilesAtomically } from '../io/outputFiles';
import { describeSkippedLinks, scanDicomFolder } from '../io/scanDicomFolder';
import { chooseDetector, detectorOption, liverInputs, liverOptions } from './detectorOptions';
import { readReviewedResult, type ReviewedLesion, type ReviewedResult } from './reviewedResult';

const usage =
  'dotatate-liver report <dicom-folder> --result reviewed.json --sr out-sr.dcm [--seg out-seg.dcm] [--confirm-no-lesions] ' +
  '[--detector percist|unet|fusion] [--liver-seg seg.dcm | --liver-seed x,y,z] [--reader "Name^Given"] [--quiet]';

/** Statistics of a reader-drawn region on the PET (SUV in the volume's units, centroid LPS mm). */
function statisticsOfRegion(pet: PetVolume, lesion: ReviewedLesion): LesionStatistics {
  const labels = new Uint16Array(pet.voxels.length);
  paintRegion(lesion.region!, labels, 1);
  const [statistics] = lesionStatistics(pet, labels);
  return { ...statistics, id: lesion.id, score: Number.isFinite(lesion.score) ? lesion.score : 0 };
}

/**
 * Each detected lesion's voxels and statistics, and the liver reference, from a fresh detection on
 * the same folder with the same settings; the result file must match it (same ids, voxel counts
 * and SUVmax), or the report would describe lesions the file does not. The SR takes its numbers
 * from here, rounded as result.json rounds them, never from the file (which a reader can edit).
 */
async function detectedRegions(pet: PetVolume, result: ReviewedResult, detector: DetectorStep, liverMask: MaskVolume | undefined, liverSeedLPS: Vec3 | undefined) {
  const fresh = await runDetection({ pet, liverMask, liverSeedLPS }, { filterPx: result.detector.filterPx, steps: { detector } });
  if (fresh.detector.name !== result.detector.name) {
    throw new UsageError(`the result was made with the detector "${result.detector.name}", this run used "${fresh.detector.name}": pass the same --detector as to detect`);
  }
  const full = { ...pet, voxels: new Uint16Array(pet.voxels.length) };
  pasteIntoVolume({ ...pet, ...fresh.cropGeometry, voxels: fresh.lesionLabels }, fresh.crop, full);
  const labels = { ...pet, voxels: full.voxels };
  for (const lesion of result.lesions) {
    if (lesion.decision.kind === 'added') continue;
    const now = fresh.lesions.find((candidate) => candidate.id === lesion.id);
    if (!now || now.voxels !== lesion.voxels || Number(now.suvMax.toFixed(4)) !== lesion.suvMax) {
      throw new DicomInputError(
        `the result file does not match a fresh detection on this folder: lesion ${lesion.id} has ${lesion.voxels} voxel(s) and SUVmax ${lesion.suvMax} in the file, ` +
          (now ? `${now.voxels} and ${now.suvMax.toFixed(4)} now` : 'and no such lesion now') +
          ' (was it made on another folder, or with other --liver-seg / --liver-seed options?)',
      );
    }
  }
  const rounded = toDetectionJson(fresh, pet, null);
  return {
    regionOf: (id: number) => regionFromLabel(labels, id),
    statisticsOf: (id: number): LesionStatistics => {
      const statistics = rounded.lesions.find((lesion) => lesion.id === id);
      if (!statistics) throw new DicomInputError(`lesion ${id} of the result file is not in a fresh detection on this folder`);
      return statistics;
    },
    reference: rounded.reference,
  };
}

type FreshDetection = Awaited<ReturnType<typeof detectedRegions>>;

function candidatesOf(result: ReviewedResult, pet: PetVolume, fresh: FreshDetection): ReviewCandidate[] {
  return result.lesions.map((lesion) => {
    const added = lesion.decision.kind === 'added';
    const redrawn = lesion.region !== null;
    return {
      id: lesion.id,
      detectionLabel: added ? null : lesion.id,
      statistics: redrawn ? statisticsOfRegion(pet, lesion) : fresh.statisticsOf(lesion.id),
      region: lesion.region ?? fresh.regionOf(lesion.id),
      decision: lesion.decision,
      edited: redrawn && !added,
      keptFromEarlierRun: false,
    };
  });
}

/** `dotatate-liver report`: the SEG and TID 1500 SR of a reviewed result, as the viewer writes them. */
const reportCommand: CliCommand = {
  summary: 'Writes the DICOM SEG of the confirmed lesions and the TID 1500 SR of a reviewed result.json (format: docs/dicom-outputs.md).',
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        result: { type: 'string' },
        seg: { type: 'string' },
        sr: { type: 'string' },
        'confirm-no-lesions': { type: 'boolean', default: false },
        ...detectorOption,
        ...liverOptions,
        reader: { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
      { positionals: true },
    );
    const folder = singlePositional(positionals, 'DICOM folder');
    const resultFile = requiredOption(values.result, '--result reviewed.json');
    const srFile = requiredOption(values.sr, '--sr out-sr.dcm');
    const { liverSegFile, liverSeedLPS } = liverInputs(values);
    const say = (text: string) => values.quiet || console.error(text);
    // Before any work: a bad output path would otherwise surface after the re-detection.
    checkOutputPath(srFile, '--sr');
    if (values.seg) {
      checkOutputPath(values.seg, '--seg');
      checkDistinctOutputs({ option: '--seg', path: values.seg }, { option: '--sr', path: srFile });
    }
    const result = readReviewedResult(resultFile);
    const confirmed = result.lesions.filter((lesion) => lesion.decision.kind === 'accepted' || lesion.decision.kind === 'added');
    if (confirmed.length === 0 && !values['confirm-no-lesions']) {
      throw new UsageError('no lesion in the result is accepted or added: pass --confirm-no-lesions to write a report that records no hepatic lesions');
    }
    if (confirmed.length > 0 && !values.seg) throw new UsageError(`--seg out-seg.dcm is required: ${confirmed.length} lesion(s) are confirmed`);
    const detector = await chooseDetector(values.detector);

    try {
      const scan = scanDicomFolder(folder);
      const links = describeSkippedLinks(scan, folder);
      if (links) say(`Note: ${links}`);
      const series = choosePetSeries(scan.files, folder, result.petSeries.seriesInstanceUID);
      // The SEG and SR refer to the PET headers: check them before the (slower) re-detection.
      const petInstances = series.files.map((file) => file.dataset);
      petSeriesFromDatasets(petInstances);
      const { pet } = buildPetVolume(series.files);
      const liverMask = liverSegFile ? readLiverSeg(liverSegFile, pet, petIdentityOf(series.files[0].dataset)) : undefined;
      say('  re-detecting to recover the lesions\' voxels');
      const fresh = await detectedRegions(pet, result, detector, liverMask, liverSeedLPS);
      const candidates = candidatesOf(result, pet, fresh);
      const lesions = candidates
        .filter((candidate) => candidate.decision.kind === 'accepted' || candidate.decision.kind === 'added')
        .sort((a, b) => a.id - b.id)
        .map((candidate, index) => ({ segmentNumber: index + 1, candidate, algorithmType: algorithmTypeOf(candidate) }));
      const snapshot: ReviewSnapshot = {
        revision: 0,
        runInfo: {
          petSeriesInstanceUID: result.petSeries.seriesInstanceUID,
          units: result.units,
          reference: { spheres: [], mean: fresh.reference.mean, sd: fresh.reference.sd, threshold: fresh.reference.threshold },
          algorithm: {
            name: 'dotatate-liver',
            version: result.coreVersion,
            settings: { detector: result.detector.name, detectorVersion: result.detector.version, filterPx: result.detector.filterPx, ...result.detector.parameters },
          },
        },
        candidates,
        lesions,
        zeroLesionsConfirmed: lesions.length === 0,
        pendingCount: candidates.filter((candidate) => candidate.decision.kind === 'pending').length,
        predecessorSopInstanceUIDs: [],
      };
      const objects = buildReportObjects(snapshot, { petInstances, readerName: values.reader });
      const problems = checkTid1500(objects.sr.dataset, objects.seg?.dataset);
      if (problems.length > 0) throw new Error(`the written SR fails the TID 1500 checks: ${problems.map((problem) => problem.message).join('; ')}`);
      // Both objects are built in memory above; they reach the disk together or not at all.
      const outputs = [{ path: srFile, contents: new Uint8Array(objects.built.sr) }];
      if (objects.built.seg && values.seg) outputs.unshift({ path: values.seg, contents: new Uint8Array(objects.built.seg) });
      writeFilesAtomically(outputs);
      console.log(
        lesions.length > 0
          ? `SEG with ${lesions.length} segment(s) → ${values.seg}; SR (TID 1500) → ${srFile}; ${snapshot.pendingCount} candidate(s) left pending`
          : `No confirmed lesion: SR (TID 1500) recording none → ${srFile}; no SEG written`,
      );
      return 0;
    } catch (error) {
      if (error instanceof DicomInputError || error instanceof ReportInputError || error instanceof LiverNotFoundError) {
        console.error(`dotatate-liver report: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};

export default reportCommand;
