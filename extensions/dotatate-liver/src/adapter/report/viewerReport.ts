/**
 * The report workflow as the viewer runs it: one per review store (so it survives closing the
 * panel), with the effects bound to OHIF — the PET headers from the display set the review ran on,
 * STOW-RS through the active data source, and, once stored, the study listed again so the new SEG
 * and SR appear in the study browser.
 */
import { createReportWorkflow, type ReportWorkflow } from '../../state/reportWorkflow';
import type { ReviewSnapshot } from '../../state/reportTypes';
import type { ReviewStore } from '../../state/reviewStore';
import { createStore, type ObservableStore } from '../../state/store';
import type { NaturalizedDataset } from '../../dicom';
import type { OhifDisplaySet } from '../ohifTypes';
import { buildReportObjects, type PredecessorInstance } from './buildReport';
import {
  dataSourceStoreInstances,
  instanceUidsOf,
  listStoredInStudy,
  type DicomWebDataSourceLike,
  type DisplaySetLookup,
} from './viewerStore';

export interface ViewerReportDependencies {
  displaySetService: DisplaySetLookup & { getActiveDisplaySets?: () => OhifDisplaySet[] };
  extensionManager: { getActiveDataSource?: () => unknown[] };
}

/** Whether the stored report shows in the study browser. */
export type ListingState =
  | { status: 'idle' }
  | { status: 'listing' }
  | { status: 'listed'; srSopInstanceUID: string }
  | { status: 'not-listed'; message: string };

export interface ViewerReport {
  /** The review the reports describe. */
  review: ReviewStore;
  workflow: ReportWorkflow;
  listing: ObservableStore<ListingState>;
}

/** Display sets of one series among the viewer's active display sets. */
function displaySetsOfSeries(deps: ViewerReportDependencies, seriesInstanceUID: string): OhifDisplaySet[] {
  return (deps.displaySetService.getActiveDisplaySets?.() ?? []).filter((displaySet) => displaySet.SeriesInstanceUID === seriesInstanceUID);
}

/** The PET series' instance headers (OHIF keeps them naturalized on the display set). */
export function petInstancesForSnapshot(deps: ViewerReportDependencies, snapshot: ReviewSnapshot): NaturalizedDataset[] {
  const seriesUid = snapshot.runInfo.petSeriesInstanceUID;
  const displaySet = displaySetsOfSeries(deps, seriesUid).find((candidate) => (candidate.instances?.length ?? 0) > 0);
  if (!displaySet?.instances) {
    throw new Error(`the PET series the review ran on (${seriesUid}) is no longer loaded in the viewer; open the study again`);
  }
  return displaySet.instances as NaturalizedDataset[];
}

/** An earlier report instance among the viewer's display sets (e.g. after a reload of the page). */
function predecessorFromDisplaySets(deps: ViewerReportDependencies, sopInstanceUID: string): PredecessorInstance | null {
  for (const displaySet of deps.displaySetService.getActiveDisplaySets?.() ?? []) {
    const instances = displaySet.instances ?? (displaySet.instance ? [displaySet.instance] : []);
    const instance = instances.find((candidate) => candidate.SOPInstanceUID === sopInstanceUID);
    if (instance) {
      return {
        studyInstanceUID: String(instance.StudyInstanceUID ?? displaySet.StudyInstanceUID ?? ''),
        seriesInstanceUID: String(instance.SeriesInstanceUID ?? displaySet.SeriesInstanceUID ?? ''),
        sopClassUID: String(instance.SOPClassUID ?? ''),
        sopInstanceUID,
      };
    }
  }
  return null;
}

function activeDataSource(deps: ViewerReportDependencies): DicomWebDataSourceLike | undefined {
  return deps.extensionManager.getActiveDataSource?.()?.[0] as DicomWebDataSourceLike | undefined;
}

export function createViewerReport(reviewStore: ReviewStore, deps: ViewerReportDependencies): ViewerReport {
  /** Instances this session wrote, so a second report can name the first as its predecessor. */
  const written = new Map<string, PredecessorInstance>();
  const listing = createStore<ListingState>({ status: 'idle' });

  const workflow = createReportWorkflow(reviewStore, {
    buildReport(snapshot) {
      const objects = buildReportObjects(snapshot, {
        petInstances: petInstancesForSnapshot(deps, snapshot),
        findPredecessor: (uid) => written.get(uid) ?? predecessorFromDisplaySets(deps, uid),
      });
      for (const result of [objects.seg, objects.sr]) {
        if (!result) continue;
        written.set(result.sopInstanceUID, {
          studyInstanceUID: objects.pet.studyInstanceUID,
          seriesInstanceUID: result.seriesInstanceUID,
          sopClassUID: String(result.dataset.SOPClassUID),
          sopInstanceUID: result.sopInstanceUID,
        });
      }
      return objects.built;
    },
    storeInstances: dataSourceStoreInstances(() => activeDataSource(deps)),
  });

  let lastListed: string | null = null;
  workflow.subscribe(() => {
    const state = workflow.getState();
    if (state.phase === 'building' && listing.getState().status !== 'idle') listing.setState({ status: 'idle' });
    if (state.phase !== 'stored' || state.record.srSopInstanceUID === lastListed) return;
    lastListed = state.record.srSopInstanceUID;
    const parts = [state.report.built.seg, state.report.built.sr].filter((part): part is ArrayBuffer => part !== undefined);
    const stored = parts.map(instanceUidsOf);
    listing.setState({ status: 'listing' });
    void listStoredInStudy(activeDataSource(deps), deps.displaySetService, stored).then((outcome) => {
      listing.setState(outcome.listed ? { status: 'listed', srSopInstanceUID: state.record.srSopInstanceUID } : { status: 'not-listed', message: outcome.message });
    });
  });

  return { review: reviewStore, workflow, listing };
}

const reports = new WeakMap<ReviewStore, ViewerReport>();

/** The one report workflow of a review store (created on first use, kept while the store lives). */
export function viewerReportFor(reviewStore: ReviewStore, deps: ViewerReportDependencies): ViewerReport {
  let report = reports.get(reviewStore);
  if (!report) {
    report = createViewerReport(reviewStore, deps);
    reports.set(reviewStore, report);
  }
  return report;
}
