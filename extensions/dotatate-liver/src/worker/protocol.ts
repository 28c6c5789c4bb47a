/**
 * Messages between the viewer and the detection worker. Plain data only (structured clone); the
 * PET voxel buffer is transferred, not copied.
 */
import type { LesionStatistics, LiverMaskSource, LiverReference, PetUnits, Vec3, Direction3 } from '../core/types';
import type { VoxelRegion } from '../state/voxelRegion';

/** Detector choices the panel offers; only 'percist' runs in this version (see detectorChoices). */
export type DetectorChoice = 'percist' | 'unet' | 'both';

export interface DetectRequest {
  type: 'detect';
  runId: number;
  pet: {
    dimensions: Vec3;
    spacing: Vec3;
    origin: Vec3;
    direction: Direction3;
    units: PetUnits;
    seriesInstanceUID: string;
    /** Transferred to the worker: the sender's copy is detached afterwards. */
    voxels: Float32Array;
  };
  options: { detector: DetectorChoice; filterPx: number };
}

/** Core stage names as detect() reports them ('liver', 'crop', 'reference', 'detector', ...). */
export interface ProgressMessage {
  type: 'progress';
  runId: number;
  stage: string;
  fraction: number;
}

export interface WorkerDetection {
  units: PetUnits;
  seriesInstanceUID: string;
  /** One per lesion, regions on the full PET grid, `statistics.id` = detection label. */
  candidates: { statistics: LesionStatistics; region: VoxelRegion }[];
  reference: LiverReference;
  liver: { source: LiverMaskSource; volumeMl: number; region: VoxelRegion };
  detector: { name: string; version: string; parameters: Record<string, number | string | boolean> };
  parameters: Record<string, number | string | boolean>;
  coreVersion: string;
  warnings: string[];
  /** Wall time of detect() inside the worker (ms). */
  elapsedMs: number;
}

export interface ResultMessage {
  type: 'result';
  runId: number;
  detection: WorkerDetection;
}

export interface ErrorMessage {
  type: 'error';
  runId: number;
  message: string;
}

export type WorkerReply = ProgressMessage | ResultMessage | ErrorMessage;
