/**
 * Messages between the viewer and the detection worker. Plain data only (structured clone); the
 * PET voxel buffer is transferred, not copied.
 */
import type { LesionStatistics, LiverMaskSource, LiverReference, PetUnits, Vec3, Direction3 } from '../core/types';
import type { LiverCheckResult } from '../core/liver/liverPlausibility';
import type { VoxelRegion } from '../state/voxelRegion';
import type { BackendAttempt } from '../inference/chooseBackend';
import type { BackendId } from '../inference/backends/types';
import type { ModelProblem } from '../inference/errors';

/** Detector choices the panel offers: the classical detector, the U-Net, or both fused (voxel-wise max). */
export type DetectorChoice = 'percist' | 'unet' | 'both';

/** Where the worker finds the U-Net and onnxruntime-web's WASM files (absolute URLs). */
export interface ModelLocation {
  /** The model manifest: the shipped one by default, or the one the extension's configuration names. */
  manifestUrl: string;
  /** Folder (ending in '/') holding onnxruntime-web's glue script and gzipped WASM binary. */
  runtimeUrl: string;
}

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
  options: {
    detector: DetectorChoice;
    filterPx: number;
    /** A click in the liver (LPS mm) to grow the liver mask from, instead of the automatic mask. */
    liverSeedLPS?: Vec3;
    /** The three reference sphere centres (LPS mm) after the reader moved one; absent: automatic placement. */
    referenceCentresLPS?: Vec3[];
    /**
     * The reader's brush-edited liver mask on the PET grid (linear IJK runs): used as given, instead
     * of the automatic or seed-grown mask; the result's liver source is then 'edited'.
     */
    liverMask?: VoxelRegion;
  };
  /** Needed for 'unet' and 'both'; the browser's worker factory adds it to every request. */
  model?: ModelLocation;
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
  /** The automatic liver's plausibility checks; 'failed': `candidates` is empty and the reader must give the liver. Absent: not checked. */
  liverCheck?: LiverCheckResult;
  detector: { name: string; version: string; parameters: Record<string, number | string | boolean> };
  parameters: Record<string, number | string | boolean>;
  coreVersion: string;
  warnings: string[];
  /** Wall time of detect() inside the worker (ms). */
  elapsedMs: number;
  /** Present when the U-Net ran: on which backend, why, and what else was tried. */
  inference?: InferenceSummary;
}

/** The U-Net run as the panel shows it ("Runs on: <backend> — <reason>"). */
export interface InferenceSummary {
  backend: BackendId;
  /** e.g. "2 threads", "TF.js". */
  detail: string;
  reason: string;
  attempts: BackendAttempt[];
  model: { name: string; version: string; sha256: string };
  slicesRun: number;
  /** U-Net forward passes and resampling (ms). */
  milliseconds: number;
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
  /** Set when the U-Net model could not be used (missing, corrupt, no backend): offer the classical detector. */
  modelProblem?: ModelProblem;
}

export type WorkerReply = ProgressMessage | ResultMessage | ErrorMessage;
