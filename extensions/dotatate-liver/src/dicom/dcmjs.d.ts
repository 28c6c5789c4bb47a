/**
 * The part of dcmjs's API that the DICOM layer uses. dcmjs ships no type declarations; these
 * describe its documented `data` namespace (naturalized datasets are plain objects keyed by
 * DICOM keyword; denaturalized ones are keyed by tag with `vr` and `Value`).
 */
declare module 'dcmjs' {
  export namespace data {
    type NaturalizedDataset = { [keyword: string]: unknown };
    type DenaturalizedDataset = { [tag: string]: { vr: string; Value?: unknown[] } };

    class DicomDict {
      constructor(meta: DenaturalizedDataset);
      meta: DenaturalizedDataset;
      dict: DenaturalizedDataset;
      write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
    }

    const DicomMessage: {
      readFile(
        buffer: ArrayBuffer,
        options?: { ignoreErrors?: boolean; untilTag?: string; includeUntilTagValue?: boolean },
      ): DicomDict;
    };

    const DicomMetaDictionary: {
      naturalizeDataset(dataset: DenaturalizedDataset): NaturalizedDataset;
      denaturalizeDataset(dataset: NaturalizedDataset): DenaturalizedDataset;
    };

    /** Bit packing of BINARY segmentation frames: bit 0 of byte 0 is the first pixel. */
    const BitArray: {
      pack(pixels: Uint8Array): Uint8Array;
      /** Returns one byte per bit, 255 where the bit is set. */
      unpack(packed: ArrayBuffer | Uint8Array): Uint8Array;
    };

    const Colors: {
      /** RGB in 0..255 to DICOM's scaled CIELab (0..65535). */
      rgb2DICOMLAB(rgb: [number, number, number]): [number, number, number];
    };
  }
}
