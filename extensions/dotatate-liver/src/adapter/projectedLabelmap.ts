/**
 * Keeps a labelmap's outlines on a MIP viewport in step with the labelmap.
 *
 * On a MIP viewport OHIF draws a labelmap with cornerstone's labelmap edge projection: cornerstone
 * copies the PET volume and the labelmap into one two-component volume (component 0 the PET value,
 * component 1 the segment index, voxel by voxel) and swaps it into the viewport's volume actor.
 * That copy is refreshed by cornerstone only for volume-based labelmaps (its listener compares the
 * segmentation's `Labelmap.volumeId`, which an image-based labelmap such as ours does not have), so
 * without this module the MIP keeps drawing the segments of the first paint after the candidates,
 * a brush edit or the liver changed. Here the label component is rewritten from the labelmap slices
 * and the viewport redrawn, as cornerstone does for volume labelmaps.
 */

/** A labelmap slice: columns × rows segment indices, x fastest. */
export type LabelSlice = ArrayLike<number>;

/** The vtk data array behind a volume actor (one tuple of `getNumberOfComponents()` values per voxel). */
export interface VoxelArrayLike {
  getData(): { [index: number]: number; length: number };
  getNumberOfComponents(): number;
  modified?(): void;
}

interface VolumeActorLike {
  getMapper?(): { getInputData?(): { getPointData(): { getArray(index: number): VoxelArrayLike | null | undefined }; modified(): void } | null | undefined } | null | undefined;
}

export interface ViewportActorEntryLike {
  representationUID?: string;
  actor?: VolumeActorLike;
}

export interface ProjectionViewportLike {
  id: string;
  getActors?(): ViewportActorEntryLike[];
  render?(): void;
}

/** The two components of cornerstone's combined MIP volume: the image value, then the segment index. */
export const COMBINED_COMPONENTS = 2;
const LABEL_COMPONENT = 1;

/**
 * Writes the labelmap slices (slice k of the grid → `slices[k]`) into the label component of a
 * combined two-component voxel array laid out like the grid (x fastest, then y, then k). Returns
 * false, writing nothing, when the array is not two-component or its voxel count differs from the
 * slices' (then it is not a copy of this grid).
 */
export function writeLabelComponent(combined: { [index: number]: number; length: number }, componentCount: number, slices: readonly LabelSlice[]): boolean {
  if (componentCount !== COMBINED_COMPONENTS || slices.length === 0) return false;
  const sliceSize = slices[0].length;
  if (slices.some((slice) => slice.length !== sliceSize)) return false;
  if (combined.length !== COMBINED_COMPONENTS * sliceSize * slices.length) return false;
  slices.forEach((slice, k) => {
    const sliceStart = k * sliceSize;
    for (let index = 0; index < sliceSize; index++) combined[(sliceStart + index) * COMBINED_COMPONENTS + LABEL_COMPONENT] = slice[index];
  });
  return true;
}

/** cornerstone names a labelmap's actors "<segmentationId>-Labelmap[-<layer>]". */
function showsSegmentation(entry: ViewportActorEntryLike, segmentationId: string): boolean {
  return typeof entry.representationUID === 'string' && entry.representationUID.startsWith(`${segmentationId}-Labelmap`);
}

/**
 * Rewrites the segment indices of every combined (edge-projection) volume that these viewports draw
 * for the segmentation, from the labelmap slices in the PET volume's slice order, and redraws those
 * viewports. Viewports that draw the labelmap with its own actor (slice views) are left to
 * cornerstone's data-modified event. Returns the ids of the viewports it refreshed.
 */
export function refreshProjectedLabelmap(segmentationId: string, slices: readonly LabelSlice[], viewports: readonly ProjectionViewportLike[]): string[] {
  const refreshed: string[] = [];
  for (const viewport of viewports) {
    let written = false;
    for (const entry of viewport.getActors?.() ?? []) {
      if (!showsSegmentation(entry, segmentationId)) continue;
      const imageData = entry.actor?.getMapper?.()?.getInputData?.();
      const array = imageData?.getPointData().getArray(0);
      if (!imageData || !array) continue;
      if (!writeLabelComponent(array.getData(), array.getNumberOfComponents(), slices)) continue;
      array.modified?.();
      imageData.modified();
      written = true;
    }
    if (!written) continue;
    viewport.render?.();
    refreshed.push(viewport.id);
  }
  return refreshed;
}
