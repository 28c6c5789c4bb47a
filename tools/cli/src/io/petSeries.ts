import type { DicomFile } from './scanDicomFolder';
import { DicomInputError } from './DicomInputError';

/** One PET series found in a folder. */
export interface PetSeriesSummary {
  seriesInstanceUID: string;
  description: string;
  files: DicomFile[];
}

/** PET (Modality PT) series of a scan, largest first. */
export function petSeriesOf(files: DicomFile[]): PetSeriesSummary[] {
  const bySeries = new Map<string, PetSeriesSummary>();
  for (const file of files) {
    if (file.dataset.Modality !== 'PT') continue;
    const uid = String(file.dataset.SeriesInstanceUID ?? '');
    const entry = bySeries.get(uid) ?? { seriesInstanceUID: uid, description: String(file.dataset.SeriesDescription ?? ''), files: [] };
    entry.files.push(file);
    bySeries.set(uid, entry);
  }
  return [...bySeries.values()].sort((a, b) => b.files.length - a.files.length);
}

/**
 * The PET series to use: the only one, or the one named by `seriesUID`. No PET, several without
 * a choice, or an unknown choice each throw a DicomInputError that lists what the folder holds.
 */
export function choosePetSeries(files: DicomFile[], folder: string, seriesUID?: string): PetSeriesSummary {
  const series = petSeriesOf(files);
  const listing = series.map((s) => `  ${s.seriesInstanceUID}  ${s.files.length} slice(s)  ${s.description}`).join('\n');
  if (series.length === 0) {
    const modalities = new Map<string, number>();
    for (const file of files) modalities.set(String(file.dataset.Modality ?? 'unknown'), (modalities.get(String(file.dataset.Modality ?? 'unknown')) ?? 0) + 1);
    const found = [...modalities].map(([modality, count]) => `${modality} (${count} files)`).join(', ') || 'no DICOM files';
    throw new DicomInputError(`No PET series (Modality PT) in ${folder}: found ${found}.`);
  }
  if (seriesUID) {
    const chosen = series.find((s) => s.seriesInstanceUID === seriesUID);
    if (!chosen) throw new DicomInputError(`No PET series with SeriesInstanceUID ${seriesUID} in ${folder}. PET series found:\n${listing}`);
    return chosen;
  }
  if (series.length > 1) {
    throw new DicomInputError(`${folder} holds ${series.length} PET series; choose one with --series UID:\n${listing}`);
  }
  return series[0];
}
