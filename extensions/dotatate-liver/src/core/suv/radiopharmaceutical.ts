import type { NaturalizedDataset } from './instanceMetadataFromDataset';

/**
 * What the PET headers say about the tracer. `sstr`: a somatostatin-receptor ligand (68Ga-DOTATATE,
 * -DOTATOC, -DOTANOC, 64Cu-DOTATATE), the use the detector is validated for; `other`: a named tracer
 * that is not one (FDG, PSMA, FLT, ...); `unknown`: the headers name no radiopharmaceutical.
 */
export interface Radiopharmaceutical {
  kind: 'sstr' | 'other' | 'unknown';
  /** For the reader: the Radiopharmaceutical text, else the code's meaning; null when neither is there. */
  name: string | null;
  /** What decided `kind`: a known code in RadiopharmaceuticalCodeSequence, the name text, or nothing. */
  decidedBy: 'code' | 'name' | 'none';
  code: { value: string; scheme: string; meaning: string } | null;
  /** The radionuclide's code meaning made readable (e.g. "Fluorine-18"); null when absent. */
  radionuclide: string | null;
}

const key = (value: string, scheme: string) => `${value.trim().toUpperCase()}^${scheme.trim().toUpperCase()}`;

/**
 * DICOM CID 4021 (PET Radiopharmaceutical) codes of SSTR ligands: current SNOMED CT and the UMLS
 * codes of earlier editions. CID 4021 has no code for 68Ga-DOTANOC or 64Cu-DOTATATE; those are
 * recognised by name.
 */
const SSTR_CODES = new Set([
  key('724025002', 'SCT'), // Dotatate Ga^68^
  key('C1742831', 'UMLS'), // tyrosine-3-octreotate Ga^68^ (DOTATATE, PS3.16 before 2020)
  key('C2713594', 'UMLS'), // Edotreotide Ga^68^ (DOTATOC)
]);

/**
 * CID 4021 codes (SNOMED CT, the retired SNOMED-RT and others) of common tracers that are not SSTR
 * ligands: a code here outranks a name, so a FDG-coded series named "DOTATATE" by hand is still FDG.
 */
const OTHER_CODES = new Set([
  key('35321007', 'SCT'), key('C-B1031', 'SRT'), key('C-B1031', 'SNM3'), key('C0046056', 'UMLS'), // FDG
  key('764937002', 'SCT'), key('C-B1036', 'SRT'), key('C-B1036', 'SNM3'), // FLT
  key('129501009', 'SCT'), key('C-B1032', 'SRT'), // sodium fluoride
  key('C118961', 'NCIt'), key('126759', 'DCM'), key('126758', 'DCM'), key('C116352', 'NCIt'), // PSMA-11, -617, -1007, piflufolastat
  key('457000009', 'SCT'), key('C-E026A', 'SRT'), // fluciclovine
  key('456992002', 'SCT'), key('C-E0273', 'SRT'), key('126703', 'DCM'), // fluorocholine, choline C-11
  key('926372005', 'SCT'), key('5811000122108', 'SCT'), key('C-B1034', 'SRT'), // FES, F-DOPA
  key('424708001', 'SCT'), key('C-B07E0', 'SRT'), // FET
]);

/**
 * Names of SSTR ligands, matched on the text with case, spaces, hyphens and DICOM superscript
 * carets removed: "Ga68 DOTATATE", "DOTA-TATE", "68Ga-DOTA-NOC", "Netspot", "Detectnet",
 * "Edotreotide Ga^68^", "oxodotreotide", "tyrosine-3-octreotate", "SomaKit TOC".
 */
const SSTR_NAME = /dotatate|dotatoc|dotanoc|dotreotide|octreotate|netspot|detectnet|somakittoc/;

const squeeze = (text: string) => text.toLowerCase().replace(/[\s\-_^()[\],.]/g, '');

/** Whether a free-text tracer name is an SSTR ligand (see SSTR_NAME). */
export function isSstrLigandName(text: string): boolean {
  return SSTR_NAME.test(squeeze(text));
}

function first(value: unknown): NaturalizedDataset | undefined {
  const item = Array.isArray(value) ? value[0] : value;
  return item !== null && typeof item === 'object' ? (item as NaturalizedDataset) : undefined;
}

function text(value: unknown): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  if (typeof single !== 'string' && typeof single !== 'number') return undefined;
  const trimmed = String(single).trim();
  return trimmed === '' ? undefined : trimmed;
}

/** "Fluorodeoxyglucose F^18^" → "Fluorodeoxyglucose F-18"; "F^18^[^18^Fluorine]" → "Fluorine-18". */
export function readableCodeMeaning(meaning: string): string {
  const bracketed = /\[([^\]]+)\]/.exec(meaning)?.[1] ?? meaning;
  return bracketed
    .replace(/\^(\d+)\^([A-Za-z]+)/g, '$2-$1')
    .replace(/([A-Za-z]+)\^(\d+)\^/g, '$1-$2')
    .trim();
}

/**
 * The tracer of a PET instance (dcmjs-naturalized, or an OHIF instance: the same keywords), from
 * the first item of RadiopharmaceuticalInformationSequence: RadiopharmaceuticalCodeSequence first
 * (a known SSTR or non-SSTR code decides), then the Radiopharmaceutical text, then the code's
 * meaning text. A name that is no SSTR ligand is 'other'; no name at all is 'unknown'.
 */
export function radiopharmaceuticalFromDataset(dataset: NaturalizedDataset): Radiopharmaceutical {
  const item = first(dataset.RadiopharmaceuticalInformationSequence) ?? {};
  const codeItem = first(item.RadiopharmaceuticalCodeSequence);
  const value = text(codeItem?.CodeValue);
  const scheme = text(codeItem?.CodingSchemeDesignator);
  const meaning = text(codeItem?.CodeMeaning);
  const code = value && scheme ? { value, scheme, meaning: meaning ?? '' } : null;
  const nuclideMeaning = text(first(item.RadionuclideCodeSequence)?.CodeMeaning);
  const radionuclide = nuclideMeaning ? readableCodeMeaning(nuclideMeaning) : null;
  const written = text(item.Radiopharmaceutical);
  const name = written ?? (meaning ? readableCodeMeaning(meaning) : null);
  const result = (kind: Radiopharmaceutical['kind'], decidedBy: Radiopharmaceutical['decidedBy']): Radiopharmaceutical => ({ kind, name, decidedBy, code, radionuclide });

  if (code && SSTR_CODES.has(key(code.value, code.scheme))) return result('sstr', 'code');
  if (code && OTHER_CODES.has(key(code.value, code.scheme))) return result('other', 'code');
  if ((written && isSstrLigandName(written)) || (meaning && isSstrLigandName(meaning))) return result('sstr', 'name');
  if (name) return result('other', 'name');
  return result('unknown', 'none');
}

const VALIDATED = 'this detector is validated for 68Ga-DOTATATE';

/**
 * The caution for a tracer the detector is not validated for (null for an SSTR ligand). Detection
 * still runs: the reader is told to weigh the candidates accordingly.
 */
export function tracerCaution(tracer: Radiopharmaceutical): string | null {
  if (tracer.kind === 'sstr') return null;
  if (tracer.kind === 'other') {
    return `Radiopharmaceutical is ${tracer.name}, not a somatostatin-receptor ligand: ${VALIDATED}; review candidates with care.`;
  }
  const nuclide = tracer.radionuclide ? ` (radionuclide ${tracer.radionuclide})` : '';
  return `The PET headers do not name the radiopharmaceutical${nuclide}: ${VALIDATED}, a somatostatin-receptor ligand; review candidates with care.`;
}
