/**
 * New DICOM UIDs of the form 2.25.<integer of a random UUID> (PS3.5 B.2). dcmjs's own `uid()`
 * appends 39 random decimal digits, which can exceed the 128-bit range that 2.25 UIDs require, so
 * the UUID comes from the platform's Web Crypto (present in browsers and in Node ≥ 19).
 */
export function newUid(): string {
  const uuid = globalThis.crypto.randomUUID();
  return `2.25.${BigInt(`0x${uuid.replace(/-/g, '')}`).toString()}`;
}

/** True when `uid` is a syntactically valid DICOM UID (digits and dots, ≤ 64 chars, no leading zeros). */
export function isValidUid(uid: unknown): uid is string {
  if (typeof uid !== 'string' || uid.length === 0 || uid.length > 64) return false;
  return uid.split('.').every((part) => /^(0|[1-9][0-9]*)$/.test(part));
}
