/**
 * Whether a file really holds all of its pixel data. dcmjs zero-fills a PixelData value that runs
 * past the end of the file, so a slice cut short by an interrupted copy would read as whole with
 * black rows. The element header is found in the raw bytes by its tag and the length dcmjs read;
 * the extension's readPart10 check knows only explicit VR little endian, this one all three
 * uncompressed transfer syntaxes the CLI accepts.
 */

const IMPLICIT_LITTLE = '1.2.840.10008.1.2';
const EXPLICIT_LITTLE = '1.2.840.10008.1.2.1';
const EXPLICIT_BIG = '1.2.840.10008.1.2.2';

/** Total byte length of a naturalized PixelData value (dcmjs gives a list of buffers); null when absent. */
export function pixelDataLength(value: unknown): number | null {
  const buffers = (Array.isArray(value) ? value : [value]).filter((part): part is ArrayBuffer => part instanceof ArrayBuffer);
  return buffers.length === 0 ? null : buffers.reduce((sum, part) => sum + part.byteLength, 0);
}

/**
 * How many bytes of the top-level PixelData (declared `declaredLength` bytes long) are missing at
 * the end of `bytes`; 0 when whole, or when the syntax is compressed or the header is not found
 * (nothing to say then; the pixel length checks of the PET slices still apply).
 */
export function missingPixelDataBytes(bytes: Uint8Array, declaredLength: number, transferSyntaxUID: string): number {
  const implicit = transferSyntaxUID === IMPLICIT_LITTLE;
  const bigEndian = transferSyntaxUID === EXPLICIT_BIG;
  if (!implicit && !bigEndian && transferSyntaxUID !== EXPLICIT_LITTLE) return 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = bigEndian ? [0x7f, 0xe0, 0x00, 0x10] : [0xe0, 0x7f, 0x10, 0x00];
  const headerLength = implicit ? 8 : 12;
  // From the end: the top-level PixelData comes after any nested one (an icon image, say).
  for (let at = bytes.length - headerLength; at >= 132; at -= 1) {
    if (bytes[at] !== tag[0] || bytes[at + 1] !== tag[1] || bytes[at + 2] !== tag[2] || bytes[at + 3] !== tag[3]) continue;
    if (!implicit) {
      const vr = String.fromCharCode(bytes[at + 4], bytes[at + 5]);
      if ((vr !== 'OB' && vr !== 'OW') || bytes[at + 6] !== 0 || bytes[at + 7] !== 0) continue;
    }
    // Matching the length too keeps pixel values that happen to look like the tag out.
    if (view.getUint32(at + headerLength - 4, !bigEndian) !== declaredLength) continue;
    return Math.max(0, at + headerLength + declaredLength - bytes.length);
  }
  return 0;
}
