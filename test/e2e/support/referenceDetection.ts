/**
 * The reference the viewer must match: the PET series of a study fetched from the PACS as DICOM
 * Part-10 files, read with dcmjs, scaled to SUVbw with the core's header factors, and passed to the
 * core's detect() with the classical detector and the given pixel filter (what
 * `dotatate-liver detect --detector percist --filter-px N` does on the same files).
 */
import { detect } from '../../../extensions/dotatate-liver/src/core/detect';
import { computeSuvbwFactors } from '../../../extensions/dotatate-liver/src/core/suv/computeSuvbwFactors';
import { instanceMetadataFromDataset } from '../../../extensions/dotatate-liver/src/core/suv/instanceMetadataFromDataset';
import type { PetVolume } from '../../../extensions/dotatate-liver/src/core/types';
import { ijkToLps } from '../../../extensions/dotatate-liver/src/core/volume/ijkToLps';
import { readPart10, type NaturalizedDataset } from '../../../extensions/dotatate-liver/src/dicom/dataset';
import { petSeriesFromDatasets } from '../../../extensions/dotatate-liver/src/dicom/petSeries';
import type { OrthancClient } from '../../../platform-config/src/orthanc';

interface OrthancSeries {
  ID: string;
  MainDicomTags: { Modality?: string; SeriesInstanceUID?: string };
  Instances: string[];
}

/** Every PT instance of the study, as naturalized datasets, from Orthanc's REST API. */
export async function fetchPetDatasets(orthanc: OrthancClient, studyInstanceUid: string): Promise<NaturalizedDataset[]> {
  const found = (await (await orthanc.fetch('/tools/lookup', { method: 'POST', body: studyInstanceUid })).json()) as Array<{ ID: string; Type: string }>;
  const study = found.find((entry) => entry.Type === 'Study');
  if (!study) throw new Error(`Orthanc does not hold study ${studyInstanceUid}.`);
  const series = (await (await orthanc.fetch(`/studies/${study.ID}/series`)).json()) as OrthancSeries[];
  const pet = series.find((entry) => entry.MainDicomTags.Modality === 'PT');
  if (!pet) throw new Error(`Study ${studyInstanceUid} has no PT series in Orthanc.`);
  const datasets: NaturalizedDataset[] = [];
  for (const instanceId of pet.Instances) {
    const bytes = await (await orthanc.fetch(`/instances/${instanceId}/file`)).arrayBuffer();
    datasets.push(readPart10(bytes, `PET instance ${instanceId}`));
  }
  return datasets;
}

function pixelValues(dataset: NaturalizedDataset): ArrayLike<number> {
  const frames = dataset.PixelData as ArrayBuffer[] | undefined;
  if (!frames?.[0]) throw new Error(`PET instance ${String(dataset.SOPInstanceUID)} has no pixel data.`);
  const signed = Number(dataset.PixelRepresentation) === 1;
  return Number(dataset.BitsAllocated) === 16 ? (signed ? new Int16Array(frames[0]) : new Uint16Array(frames[0])) : new Float32Array(frames[0]);
}

/** The PET volume in SUVbw (or relative units), slices ordered along the normal as the viewer orders them. */
export function petVolumeFromDatasets(datasets: NaturalizedDataset[]): PetVolume {
  const series = petSeriesFromDatasets(datasets);
  const bySop = new Map(datasets.map((dataset) => [String(dataset.SOPInstanceUID), dataset]));
  const ordered = series.instances.map((instance) => bySop.get(instance.sopInstanceUID) as NaturalizedDataset);
  const suv = computeSuvbwFactors(ordered.map((dataset) => instanceMetadataFromDataset(dataset)));
  const [nx, ny, nz] = series.geometry.dimensions;
  const voxels = new Float32Array(nx * ny * nz);
  ordered.forEach((dataset, k) => {
    const slope = Number(dataset.RescaleSlope ?? 1);
    const intercept = Number(dataset.RescaleIntercept ?? 0);
    const factor = suv.units === 'SUVbw' ? suv.factors[k] : 1;
    const values = pixelValues(dataset);
    for (let index = 0; index < nx * ny; index++) voxels[k * nx * ny + index] = (values[index] * slope + intercept) * factor;
  });
  return { ...series.geometry, voxels, units: suv.units, seriesInstanceUID: series.seriesInstanceUID };
}

export interface ReferenceCounts {
  candidates: number;
  /** SUVmax of each lesion, by id. */
  suvMax: number[];
  threshold: number;
  /**
   * Where a reader could add a missed lesion: the hottest voxel at or above the threshold that lies
   * outside the liver mask and at least `MIN_DISTANCE_MM` from every candidate voxel (farther than a
   * click-grown region reaches), in LPS mm;
   * null when the study has none.
   */
  missedHotSpotLPS: [number, number, number] | null;
}

/** More than the 40 mm a click-grown lesion may extend from its seed. */
const MIN_DISTANCE_MM = 45;

export async function referenceDetection(orthanc: OrthancClient, studyInstanceUid: string, filterPx: number): Promise<ReferenceCounts> {
  const pet = petVolumeFromDatasets(await fetchPetDatasets(orthanc, studyInstanceUid));
  const result = await detect({ pet }, { filterPx });
  const threshold = result.reference.threshold;
  const [nx, ny] = pet.dimensions;
  const lpsOf = (index: number) => ijkToLps(pet, [index % nx, Math.floor(index / nx) % ny, Math.floor(index / (nx * ny))]);
  // Every candidate voxel (crop grid → full grid), so the hot spot's grown region cannot reach one.
  const [cx, cy] = result.cropGeometry.dimensions;
  const candidatePoints: number[][] = [];
  result.lesionLabels.forEach((label, cropIndex) => {
    if (!label) return;
    const i = (cropIndex % cx) + result.crop.min[0];
    const j = (Math.floor(cropIndex / cx) % cy) + result.crop.min[1];
    const k = Math.floor(cropIndex / (cx * cy)) + result.crop.min[2];
    candidatePoints.push(lpsOf(i + nx * (j + ny * k)));
  });
  const hot: number[] = [];
  for (let index = 0; index < pet.voxels.length; index++) if (pet.voxels[index] >= threshold && !result.liver.mask.voxels[index]) hot.push(index);
  hot.sort((a, b) => pet.voxels[b] - pet.voxels[a]);
  const best =
    hot.find((index) => {
      const point = lpsOf(index);
      return candidatePoints.every((other) => Math.hypot(other[0] - point[0], other[1] - point[1], other[2] - point[2]) >= MIN_DISTANCE_MM);
    }) ?? -1;
  return {
    candidates: result.lesions.length,
    suvMax: result.lesions.map((lesion) => lesion.suvMax),
    threshold,
    missedHotSpotLPS: best < 0 ? null : lpsOf(best),
  };
}
