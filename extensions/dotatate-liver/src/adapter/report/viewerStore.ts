/**
 * Storing a report from the viewer through OHIF's active DICOMweb data source, and making the
 * stored objects appear in the study afterwards.
 *
 * Storing: OHIF 3.13's `dicomweb` data source exposes `store.dicom(arrayBuffer | naturalized)`
 * (a dicomweb-client STOW-RS); the report's own Part-10 bytes are sent unchanged, so a retry stores
 * the very same objects. A failure (dicomweb-client sets `status`, 0 when nothing answered) becomes
 * a StowError with the HTTP status.
 *
 * Listing: OHIF's own SEG export adds the new instance to its metadata store before storing; here
 * the study's metadata is fetched again from the PACS after the STOW succeeded, so what appears in
 * the study browser is what the PACS holds (and a SEG display set loads its frames from the PACS).
 */
import { readPart10 } from '../../dicom';
import type { OhifDisplaySet } from '../ohifTypes';
import { describeErrorBody, StowError } from './stowError';

/** The part of OHIF's dicomweb data source used here (OHIF 3.13). */
export interface DicomWebDataSourceLike {
  store?: { dicom?: (dataset: ArrayBuffer) => Promise<unknown> };
  retrieve?: { series?: { metadata?: (options: { StudyInstanceUID: string }) => Promise<unknown> } };
  deleteStudyMetadataPromise?: (key: string) => void;
  getConfig?: () => { name?: string } | undefined;
}

export interface DisplaySetLookup {
  getDisplaySetsForSeries?: (seriesInstanceUID: string) => OhifDisplaySet[] | undefined;
  getActiveDisplaySets?: () => OhifDisplaySet[];
}

/** UIDs of a stored part, read from its own header. */
export interface StoredInstanceUids {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  sopClassUID: string;
}

export function instanceUidsOf(part: ArrayBuffer): StoredInstanceUids {
  const { PixelData: _pixels, ...header } = readPart10(part, 'report object');
  return {
    studyInstanceUID: String(header.StudyInstanceUID ?? ''),
    seriesInstanceUID: String(header.SeriesInstanceUID ?? ''),
    sopInstanceUID: String(header.SOPInstanceUID ?? ''),
    sopClassUID: String(header.SOPClassUID ?? ''),
  };
}

/** Text of a dicomweb-client error's response (ArrayBuffer or string), for the message. */
function responseText(response: unknown): string {
  if (typeof response === 'string') return response;
  if (response instanceof ArrayBuffer) return new TextDecoder().decode(response);
  return '';
}

/** A thrown dicomweb-client / fetch error as a StowError (status 0 means nothing answered). */
export function toStowError(error: unknown): StowError {
  if (error instanceof StowError) return error;
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const status = typeof record.status === 'number' && record.status > 0 ? record.status : null;
  const detail = describeErrorBody(responseText(record.response));
  const base = error instanceof Error ? error.message : String(error);
  return new StowError(detail ? `${base}: ${detail}` : base, status);
}

/**
 * storeInstances for the report workflow: STOW-RS of each part, in order (SEG before the SR that
 * references it), through the data source `getDataSource` returns when called.
 */
export function dataSourceStoreInstances(getDataSource: () => DicomWebDataSourceLike | undefined) {
  return async (parts: ArrayBuffer[]): Promise<void> => {
    const dataSource = getDataSource();
    const storeDicom = dataSource?.store?.dicom;
    if (!dataSource || typeof storeDicom !== 'function') {
      throw new StowError('the active data source cannot store DICOM objects (it offers no STOW-RS)', null);
    }
    for (const part of parts) {
      try {
        await storeDicom.call(dataSource.store, part);
      } catch (error) {
        throw toStowError(error);
      }
    }
  };
}

export type ListingOutcome = { listed: true } | { listed: false; message: string };

/**
 * Fetches the study's metadata again so that newly stored series get display sets, then checks that
 * each stored series has one. OHIF 3.13.2 caches the study's metadata promise under
 * "<data source name>:<study UID>" while `deleteStudyMetadataPromise` deletes the bare study UID,
 * so both keys are cleared.
 */
export async function listStoredInStudy(
  dataSource: DicomWebDataSourceLike | undefined,
  displaySets: DisplaySetLookup,
  stored: readonly StoredInstanceUids[],
): Promise<ListingOutcome> {
  if (stored.length === 0) return { listed: true };
  const studyInstanceUID = stored[0].studyInstanceUID;
  const retrieve = dataSource?.retrieve?.series?.metadata;
  if (!dataSource || typeof retrieve !== 'function') {
    return { listed: false, message: 'The report is stored, but this data source cannot list it: reload the study to see it.' };
  }
  dataSource.deleteStudyMetadataPromise?.(studyInstanceUID);
  const name = dataSource.getConfig?.()?.name;
  if (name) dataSource.deleteStudyMetadataPromise?.(`${name}:${studyInstanceUID}`);
  try {
    await retrieve.call(dataSource.retrieve?.series, { StudyInstanceUID: studyInstanceUID });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { listed: false, message: `The report is stored, but the study could not be listed again (${detail}): reload the study to see it.` };
  }
  const missing = stored.filter(({ seriesInstanceUID }) => {
    const forSeries =
      displaySets.getDisplaySetsForSeries?.(seriesInstanceUID) ??
      displaySets.getActiveDisplaySets?.().filter((displaySet) => displaySet.SeriesInstanceUID === seriesInstanceUID) ??
      [];
    return forSeries.length === 0;
  });
  if (missing.length > 0) {
    return { listed: false, message: `The report is stored, but the viewer does not list ${missing.length} of its series yet: reload the study to see them.` };
  }
  return { listed: true };
}
