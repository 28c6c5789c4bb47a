/** Navigation of a naturalized SR content tree by concept name (shared by the reader and checker). */
import { codeKey, LEGACY_EQUIVALENTS, type Code } from './codes';
import { codeOf, itemsOf, numberOf, textOf, type NaturalizedDataset } from './dataset';

export type SrItem = NaturalizedDataset;

export const childrenOf = (item: SrItem): SrItem[] => itemsOf(item, 'ContentSequence');
export const conceptOf = (item: SrItem): Code | undefined => codeOf(item, 'ConceptNameCodeSequence');

/** True when `found` is `expected` or one of its retired SRT equivalents. */
export function sameCode(found: Code | undefined, expected: Code): boolean {
  if (!found) return false;
  const key = codeKey(found);
  return key === codeKey(expected) || (LEGACY_EQUIVALENTS[codeKey(expected)] ?? []).includes(key);
}

export const childrenNamed = (item: SrItem, concept: Code): SrItem[] => childrenOf(item).filter((child) => sameCode(conceptOf(child), concept));
export const childNamed = (item: SrItem, concept: Code): SrItem | undefined => childrenNamed(item, concept)[0];

/** The numeric value and units of a NUM item, or undefined when its measured value is missing. */
export function numericOf(item: SrItem): { value: number; units: Code | undefined } | undefined {
  const measured = itemsOf(item, 'MeasuredValueSequence')[0];
  if (!measured) return undefined;
  const value = numberOf(measured, 'NumericValue');
  return value === undefined ? undefined : { value, units: codeOf(measured, 'MeasurementUnitsCodeSequence') };
}

export const valueCodeOf = (item: SrItem): Code | undefined => codeOf(item, 'ConceptCodeSequence');
export const textValueOf = (item: SrItem): string | undefined => textOf(item, 'TextValue');
export const uidValueOf = (item: SrItem): string | undefined => textOf(item, 'UID');

/** Every item below `item`, depth first. */
export function descendants(item: SrItem): SrItem[] {
  return childrenOf(item).flatMap((child) => [child, ...descendants(child)]);
}
