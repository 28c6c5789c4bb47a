/** Bad input found while reading DICOM or an export: the message is for the person at the terminal. */
export class DicomInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DicomInputError';
  }
}
