/**
 * Which requests the harness forwards to the PACS: exactly the DICOMweb routes the viewer uses
 * (QIDO-RS and WADO-RS reads, WADO-URI reads, STOW-RS to `/studies`), checked on the raw request
 * path and rebuilt from its checked segments. Orthanc decodes `%2f` and removes `..` itself, so a
 * path that was checked decoded but forwarded raw reached Orthanc's whole REST API
 * (`/dicom-web/..%2ftools%2fshutdown`); here nothing encoded, no dot segment and no route outside
 * this grammar ever leaves the harness. Hospitals copying the proxy copy this table.
 */
import { DICOMWEB_PATH, WADO_URI_PATH } from './appConfig';

export type RouteDecision =
  | { allowed: true; path: string }
  | { allowed: false; status: 400 | 404 | 405; message: string; allow?: string };

const READ_METHODS = ['GET', 'HEAD'];
const STORE_METHODS = ['POST'];

/** A DICOM UID (PS3.5 9.1): digits and dots, at most 64 characters. */
const UID = /^[0-9]+(\.[0-9]+)*$/;
const FRAME_LIST = /^[1-9][0-9]*(,[1-9][0-9]*)*$/;
/** Bulk data paths are attribute tags (8 hex digits) and sequence item indices. */
const BULK_PART = /^([0-9a-fA-F]{8}|[0-9]+)$/;
/** Characters a checked path may hold: no '%', no backslash, nothing that needs decoding. */
const PLAIN_PATH = /^[A-Za-z0-9._,/-]*$/;

const RENDERINGS = ['metadata', 'rendered', 'thumbnail'];

/**
 * Which methods a DICOMweb path (the segments after `/dicom-web`) accepts, or undefined when the
 * path is not a route the viewer uses.
 */
function methodsOfDicomWebRoute(segments: string[]): string[] | undefined {
  const [level, studyUid, ...rest] = segments;
  if ((level === 'series' || level === 'instances') && segments.length === 1) return READ_METHODS; // QIDO-RS
  if (level !== 'studies') return undefined;
  if (studyUid === undefined) return [...READ_METHODS, ...STORE_METHODS]; // QIDO-RS, STOW-RS
  if (!isUid(studyUid)) return undefined;
  if (rest.length === 0) return [...READ_METHODS, ...STORE_METHODS]; // WADO-RS study, STOW-RS to a study
  return methodsBelowStudy(rest);
}

function methodsBelowStudy(rest: string[]): string[] | undefined {
  const [first, seriesUid, ...belowSeries] = rest;
  if (rest.length === 1 && (RENDERINGS.includes(first) || first === 'series' || first === 'instances')) return READ_METHODS;
  if (first !== 'series' || !isUid(seriesUid)) return undefined;
  if (belowSeries.length === 0) return READ_METHODS;
  const [second, instanceUid, ...belowInstance] = belowSeries;
  if (belowSeries.length === 1 && (RENDERINGS.includes(second) || second === 'instances')) return READ_METHODS;
  if (second !== 'instances' || !isUid(instanceUid)) return undefined;
  if (belowInstance.length === 0) return READ_METHODS;
  const [third, ...tail] = belowInstance;
  if (belowInstance.length === 1 && RENDERINGS.includes(third)) return READ_METHODS;
  if (third === 'frames' && FRAME_LIST.test(tail[0] ?? '') && (tail.length === 1 || (tail.length === 2 && RENDERINGS.includes(tail[1])))) {
    return READ_METHODS;
  }
  if (third === 'bulk' && tail.length > 0 && tail.every((part) => BULK_PART.test(part))) return READ_METHODS;
  return undefined;
}

function isUid(value: string | undefined): boolean {
  return value !== undefined && value.length <= 64 && UID.test(value);
}

/**
 * Decides on one request from its method and raw request target (path and query exactly as the
 * client sent them). An allowed request carries the path to forward: rebuilt from the checked
 * segments, with the query re-encoded.
 */
export function decideDicomWebRoute(method: string, rawTarget: string): RouteDecision {
  const queryStart = rawTarget.indexOf('?');
  const rawPath = queryStart < 0 ? rawTarget : rawTarget.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : rawTarget.slice(queryStart + 1);
  if (!PLAIN_PATH.test(rawPath)) {
    return { allowed: false, status: 400, message: 'DICOMweb paths hold only UIDs and route names: encoded or unusual characters are refused.' };
  }
  const segments = rawPath.split('/').slice(1);
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return { allowed: false, status: 400, message: 'Empty or dot segments are refused in DICOMweb paths.' };
  }
  const methods = routeMethods(segments);
  if (!methods) return { allowed: false, status: 404, message: 'Not a DICOMweb route this viewer uses.' };
  if (!methods.includes(method)) {
    return { allowed: false, status: 405, message: `${method} is not allowed here.`, allow: methods.join(', ') };
  }
  const query = splitIncludeFieldLists(new URLSearchParams(rawQuery)).toString();
  return { allowed: true, path: `/${segments.join('/')}${query ? `?${query}` : ''}` };
}

/**
 * QIDO-RS allows `includefield=a,b,c`; Debian's Orthanc DICOMweb plugin (1.7) reads only a single
 * tag per parameter and silently drops a list (OHIF's study list then loses Study Description).
 * Repeating the parameter once per tag means the same to both.
 */
function splitIncludeFieldLists(params: URLSearchParams): URLSearchParams {
  const lists = params.getAll('includefield');
  if (!lists.some((value) => value.includes(','))) return params;
  params.delete('includefield');
  for (const tag of lists.flatMap((value) => value.split(','))) {
    if (tag.trim() !== '') params.append('includefield', tag.trim());
  }
  return params;
}

function routeMethods(segments: string[]): string[] | undefined {
  const [root, ...rest] = segments;
  if (`/${root}` === WADO_URI_PATH && rest.length === 0) return READ_METHODS;
  if (`/${root}` === DICOMWEB_PATH && rest.length > 0) return methodsOfDicomWebRoute(rest);
  return undefined;
}

/**
 * Whether a raw request target belongs to the proxy (everything else is the viewer's static files).
 * Raw, because URL parsing would fold `/dicom-web/%2e%2e/x` into `/x` before any check.
 */
export function isProxiedTarget(rawTarget: string): boolean {
  return [DICOMWEB_PATH, WADO_URI_PATH].some(
    (prefix) => rawTarget === prefix || ['/', '%', '?'].some((next) => rawTarget.startsWith(`${prefix}${next}`)),
  );
}
