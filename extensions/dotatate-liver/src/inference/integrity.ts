import { ModelUnavailableError } from './errors';

/**
 * Lower-case hex SHA-256 of the bytes, with Web Crypto (`crypto.subtle`, present in browsers in
 * secure contexts and in Node 20+), so the same code checks weights in the viewer and the CLI.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error('Web Crypto (crypto.subtle) is not available here; model files cannot be verified.');
  }
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Throws ModelUnavailableError('corrupt') unless the bytes hash to `expectedSha256`. */
export async function verifyModelBytes(bytes: Uint8Array, expectedSha256: string, fileName: string): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== expectedSha256.toLowerCase()) {
    throw new ModelUnavailableError(
      'corrupt',
      `Model file ${fileName} is corrupt or not the one its manifest names: its sha256 is ${actual}, ` +
        `the manifest expects ${expectedSha256} (${bytes.byteLength} bytes read).`,
    );
  }
}
