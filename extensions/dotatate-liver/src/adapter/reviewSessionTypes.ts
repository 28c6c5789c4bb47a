/**
 * The shapes of the review session: what it needs from the viewer, the UI state it keeps beside
 * the review store, and the object the panel, hotkeys and commands call.
 * Coordinates: centroids and clicks are LPS mm; regions are linear IJK indices on the PET grid.
 */
import type { LiverMaskSource, PetVolume, Vec3 } from '../core/types';
import type { DispatchOutcome, ReviewStore } from '../state/reviewStore';
import type { ObservableStore } from '../state/store';
import type { RejectionReason } from '../state/reviewTypes';
import type { WorkerLike } from '../worker/detectionWorkerClient';
import type { DetectorChoice } from '../worker/protocol';
import type { EditTool } from './boundaryEdit';
import type { LesionSegmentation, LesionSegmentationOptions } from './lesionSegmentation';
import type { LiverControls, LiverUiState } from './liverControls';
import type { LiverEdit } from './liverEdit';
import type { LiverOverlay, LiverOverlayOptions } from './liverOverlay';
import type { OhifDisplaySet } from './ohifTypes';
import type { ToolActivation } from './primaryTool';
import type { ImageVolumeLike } from './petVolumeFromImageVolume';

/** What the session needs from the viewer; the browser's is in browserEnvironment, tests pass fakes. */
export interface ReviewEnvironment {
  findVolume(displaySetInstanceUID: string): ImageVolumeLike | undefined;
  createWorker(): WorkerLike;
  /** Null where no segmentation service is available (the overlay is then skipped, the review still works). */
  createSegmentation(options: Omit<LesionSegmentationOptions, 'segmentationService' | 'imageCache' | 'notifyDataModified'>): LesionSegmentation | null;
  /** The liver and reference spheres' own labelmap; absent or null where it cannot be drawn. */
  createLiverOverlay?(options: Omit<LiverOverlayOptions, 'segmentationService' | 'imageCache' | 'notifyDataModified'>): LiverOverlay | null;
  centreViewports(world: Vec3, viewportIds: readonly string[]): string[];
  /** Calls `onClick` with the LPS point of the next primary click on one of these viewports; returns a disarm function. */
  armClick(viewportIds: readonly string[], onClick: (world: Vec3) => void): () => void;
  /** Makes a segmentation tool (the mode's brush or eraser) the left-button tool of these viewports. */
  activatePrimaryTool(viewportIds: readonly string[], toolName: string): ToolActivation;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Names what is reviewed (the study in the URL), so a saved review comes back only for it. */
  storageScope(): string | null;
  now(): number;
}

export type VolumeStatus =
  | { kind: 'no-pet' }
  | { kind: 'not-found' }
  | { kind: 'loading'; fraction: number }
  | { kind: 'ready'; units: PetVolume['units'] };

export interface RunTimings {
  /** From Run to the worker's result (ms). */
  toResultMs: number;
  /** From Run to the overlay drawn (ms); null until drawn. */
  toOverlayMs: number | null;
  /** detect() inside the worker (ms). */
  workerMs: number;
}

export interface SessionState extends LiverUiState {
  detector: DetectorChoice;
  filterPx: number;
  /** The liver of the last run (or of the restored review): where it came from and its volume (ml). */
  liver: { source: LiverMaskSource; volumeMl: number } | null;
  warnings: readonly string[];
  /** A message about the last session action (not a review decision), e.g. why Run did nothing. */
  message: string | null;
  timings: RunTimings | null;
  /** Segments drawn on the viewports; null before the first overlay. */
  overlaySegments: number | null;
  addArmed: boolean;
  /** The candidate whose reject-reason chooser is open in the list; null when none. */
  rejectingId: number | null;
  /** The candidate whose boundary the reader is painting; null when no edit is open. */
  editingId: number | null;
  editTool: EditTool;
}

export interface ReviewSession extends Omit<LiverControls, 'dispose' | 'refreshLiverOverlay'>, Omit<LiverEdit, 'isOpen' | 'dispose'> {
  readonly store: ReviewStore;
  readonly ui: ObservableStore<SessionState>;
  /** The active PET display set (the PET layer of a fused viewport counts), or null. */
  activePet(): OhifDisplaySet | null;
  volumeStatus(): VolumeStatus;
  setDetector(choice: DetectorChoice): void;
  setFilterPx(pixels: number): void;
  run(): Promise<void>;
  cancel(): void;
  goTo(id: number): DispatchOutcome;
  goToPending(direction: 'next' | 'previous'): number | null;
  accept(id?: number): DispatchOutcome;
  reject(id: number | undefined, reason: RejectionReason, note?: string): DispatchOutcome;
  /** Opens (or, with null, closes) the reject-reason chooser of a candidate; no id: the selected one. */
  chooseRejectReason(id?: number | null): void;
  armAddLesion(): void;
  addLesionAt(world: Vec3): DispatchOutcome & { id: number | null };
  /**
   * Opens a brush edit of a candidate's boundary (no id: the selected one): its segment becomes
   * the active segment of the labelmap (others locked) and the brush the left-button tool of the
   * PET viewports. Each settled stroke is read back as a boundary edit (statistics recomputed,
   * candidate flagged edited). Resolves to false, with the reason in `ui.message`, when refused.
   */
  startEdit(id?: number): Promise<boolean>;
  /** Brush or eraser for the open edit. */
  setEditTool(tool: EditTool): void;
  /** Reads the painted labelmap back one last time, closes the edit and gives the earlier tools back. */
  finishEdit(): void;
  /**
   * Leaving the mode: stops a run, saves the review to sessionStorage (it comes back when the
   * study is opened again in this tab) and says whether undecided or unreported work was left.
   */
  leave(): { unsavedWork: boolean; saved: boolean };
  /** Brings the overlay in line with the review (after the volume loads or the layout changes). */
  refreshOverlay(): Promise<void>;
  hasUnsavedWork(): boolean;
  dispose(): void;
}
