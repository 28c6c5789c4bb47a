/**
 * The part of OHIF 3.13's segmentationService (cornerstone extension) and of cornerstone's image
 * cache that the candidates' labelmap uses, typed structurally (OHIF ships no types).
 */
import type { Vec3 } from '../core/types';
import type { PubSubLike } from './ohifTypes';
import type { Rgba } from './candidateSegments';

export interface SegmentConfig {
  segmentIndex: number;
  label: string;
  locked?: boolean;
  active?: boolean;
  cachedStats?: Record<string, unknown>;
}

export interface SegmentationLike {
  segmentationId: string;
  label?: string;
  segments: Record<number, SegmentConfig | undefined>;
  representationData?: { Labelmap?: { imageIds?: string[]; referencedImageIds?: string[] } };
}

export interface SegmentationServiceLike extends PubSubLike {
  createLabelmapForDisplaySet(
    displaySet: unknown,
    options: { segmentationId: string; label: string; segments: Record<number, SegmentConfig> },
  ): Promise<string>;
  getSegmentation(segmentationId: string): SegmentationLike | undefined;
  addOrUpdateSegmentation(data: { segmentationId: string; segments?: Record<number, SegmentConfig>; label?: string }): void;
  addSegmentationRepresentation(viewportId: string, options: { segmentationId: string; type?: string }): Promise<void>;
  getViewportIdsWithSegmentation(segmentationId: string): string[];
  setSegmentColor(viewportId: string, segmentationId: string, segmentIndex: number, colour: Rgba): void;
  setActiveSegment?(segmentationId: string, segmentIndex: number): void;
  setActiveSegmentation?(viewportId: string, segmentationId: string): void;
  setSegmentLocked?(segmentationId: string, segmentIndex: number, isLocked: boolean): void;
  remove?(segmentationId: string): void;
}

/** A cornerstone image's voxel access (labelmap slices are Uint8 images in the cache). */
export interface CachedImageLike {
  imageId: string;
  referencedImageId?: string;
  voxelManager?: { getScalarData(): { [index: number]: number; length: number; fill?: (value: number) => unknown } };
  getPixelData?: () => { [index: number]: number; length: number };
}

export interface ImageCacheLike {
  getImage(imageId: string): CachedImageLike | undefined;
}

/** What a labelmap drawn on the PET grid (the candidates', the liver's) needs from the viewer. */
export interface PetLabelmapOptions {
  segmentationService: SegmentationServiceLike;
  imageCache: ImageCacheLike;
  /** The PET display set the segmentation belongs to. */
  displaySet: { displaySetInstanceUID: string };
  /** The PET volume's image ids in slice order (k), as the detection grid has them. */
  sliceImageIds: readonly string[];
  /** Columns, rows, slices of the PET grid (regions read back are on it). */
  gridDimensions: Vec3;
  /** Viewports that show the PET (PET and fused; not the MIP). */
  viewportIds: () => string[];
  /**
   * Tells cornerstone the labelmap's voxels changed, so every viewport showing it redraws (the MIP's
   * copy of the labelmap is rewritten from `labelmapSlices`: PET slice order k, columns × rows each).
   */
  notifyDataModified: (segmentationId: string, labelmapSlices: readonly ArrayLike<number>[]) => void;
}
