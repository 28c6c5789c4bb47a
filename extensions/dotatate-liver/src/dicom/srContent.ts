/**
 * Builders of SR content items as naturalized dataset items (PS3.3 C.17.3). Every numeric item
 * is built here with its units given explicitly (dcmjs's TID 300 helpers default the SUV unit to
 * a string that is wrong for SUVbw).
 */
import { CODES, type Code } from './codes';
import { codeItem, decimalString, type NaturalizedDataset } from './dataset';

export type Relationship = 'CONTAINS' | 'HAS CONCEPT MOD' | 'HAS OBS CONTEXT' | 'HAS ACQ CONTEXT' | 'HAS PROPERTIES' | 'INFERRED FROM';
export type ContentItem = NaturalizedDataset;

const item = (relationship: Relationship, valueType: string, concept: Code | undefined, fields: NaturalizedDataset): ContentItem => ({
  RelationshipType: relationship,
  ValueType: valueType,
  ...(concept ? { ConceptNameCodeSequence: [codeItem(concept)] } : {}),
  ...fields,
});

export function container(relationship: Relationship, concept: Code, children: ContentItem[], templateId?: string): ContentItem {
  return item(relationship, 'CONTAINER', concept, {
    ContinuityOfContent: 'SEPARATE',
    ...(templateId ? { ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: templateId }] } : {}),
    ...(children.length > 0 ? { ContentSequence: children } : {}),
  });
}

export function codeValue(relationship: Relationship, concept: Code, value: Code, children: ContentItem[] = []): ContentItem {
  return item(relationship, 'CODE', concept, {
    ConceptCodeSequence: [codeItem(value)],
    ...(children.length > 0 ? { ContentSequence: children } : {}),
  });
}

export function textValue(relationship: Relationship, concept: Code, text: string): ContentItem {
  return item(relationship, 'TEXT', concept, { TextValue: text });
}

export function uidValue(relationship: Relationship, concept: Code, uid: string): ContentItem {
  return item(relationship, 'UIDREF', concept, { UID: uid });
}

export function personName(relationship: Relationship, concept: Code, name: string): ContentItem {
  return item(relationship, 'PNAME', concept, { PersonName: name });
}

/** A NUM item; `derivation`, when given, is attached as a HAS CONCEPT MOD child (TID 1419). */
export function numeric(concept: Code, value: number, units: Code, modifiers: ContentItem[] = []): ContentItem {
  return item('CONTAINS', 'NUM', concept, {
    MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: [codeItem(units)], NumericValue: decimalString(value) }],
    ...(modifiers.length > 0 ? { ContentSequence: modifiers } : {}),
  });
}

export const derivation = (value: Code): ContentItem => codeValue('HAS CONCEPT MOD', CODES.derivation, value);
export const measurementMethod = (value: Code): ContentItem => codeValue('HAS CONCEPT MOD', CODES.measurementMethod, value);

/** An IMAGE reference; with `segmentNumber` it is a Referenced Segment. */
export function imageReference(
  relationship: Relationship,
  concept: Code | undefined,
  sopClassUID: string,
  sopInstanceUID: string,
  segmentNumber?: number,
): ContentItem {
  return item(relationship, 'IMAGE', concept, {
    ReferencedSOPSequence: [
      {
        ReferencedSOPClassUID: sopClassUID,
        ReferencedSOPInstanceUID: sopInstanceUID,
        ...(segmentNumber !== undefined ? { ReferencedSegmentNumber: segmentNumber } : {}),
      },
    ],
  });
}
