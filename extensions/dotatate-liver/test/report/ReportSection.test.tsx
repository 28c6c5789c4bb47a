/**
 * @jest-environment jsdom
 *
 * The Report section rendered with react-dom against the report commands, a display set service
 * holding the synthetic PET series, and a fake DICOMweb data source shaped like OHIF 3.13's
 * (`store.dicom`, `retrieve.series.metadata`, dicomweb-client errors with `status`).
 */
import { webcrypto } from 'node:crypto';
import { TextDecoder, TextEncoder } from 'node:util';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { reportCommandDefinitions } from '../../src/adapter/report/reportCommands';
import type { CommandsManagerLike, OhifDisplaySet } from '../../src/adapter/ohifTypes';
import { readPart10 } from '../../src/dicom';
import { ReportSection } from '../../src/Panels/ReportSection';
import type { ReviewStore } from '../../src/state';
import { box, reviewedStore, syntheticStudy } from './helpers/reviewedStudy';

// jsdom lacks these Web APIs that browsers (and Node) have.
Object.assign(globalThis, { TextDecoder, TextEncoder, IS_REACT_ACT_ENVIRONMENT: true });
Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });

const study = syntheticStudy();

/** A PACS behind an OHIF-like data source: it fails with the queued statuses first, then stores. */
function fakeDataSource(displaySets: OhifDisplaySet[], ...failures: number[]) {
  const stored: ArrayBuffer[] = [];
  const pacs: { series: Map<string, string> } = { series: new Map() };
  const dataSource = {
    store: {
      dicom: async (part: ArrayBuffer) => {
        const status = failures.shift();
        if (status !== undefined) throw Object.assign(new Error('request failed'), { status, response: '{"Message":"Service unavailable"}' });
        stored.push(part);
        const header = readPart10(part, 'stored');
        pacs.series.set(String(header.SeriesInstanceUID), String(header.Modality));
      },
    },
    retrieve: {
      series: {
        // Listing again adds a display set for each series the PACS holds.
        metadata: async () => {
          for (const [uid, modality] of pacs.series) {
            if (!displaySets.some((displaySet) => displaySet.SeriesInstanceUID === uid)) {
              displaySets.push({ displaySetInstanceUID: `ds-${uid}`, SeriesInstanceUID: uid, Modality: modality });
            }
          }
        },
      },
    },
    cleared: [] as string[],
    deleteStudyMetadataPromise(key: string) {
      this.cleared.push(key);
    },
    getConfig: () => ({ name: 'orthanc' }),
  };
  return { dataSource, stored };
}

function setup(review: ReviewStore, ...failures: number[]) {
  const displaySets: OhifDisplaySet[] = [
    { displaySetInstanceUID: 'pt', SeriesInstanceUID: study.pet.seriesInstanceUID, Modality: 'PT', instances: study.petInstances },
  ];
  const { dataSource, stored } = fakeDataSource(displaySets, ...failures);
  const displaySetService = {
    EVENTS: {},
    subscribe: () => ({ unsubscribe: () => undefined }),
    getDisplaySetByUID: (uid: string) => displaySets.find((displaySet) => displaySet.displaySetInstanceUID === uid),
    getActiveDisplaySets: () => displaySets,
  };
  const servicesManager = { services: { displaySetService, viewportGridService: { EVENTS: {}, subscribe: () => ({ unsubscribe: () => undefined }), getState: () => ({}) } } };
  const extensionManager = { getModuleEntry: () => undefined, getActiveDataSource: () => [dataSource] };
  const definitions = reportCommandDefinitions({ servicesManager, extensionManager }, () => review);
  const commandsManager: CommandsManagerLike = { runCommand: (name) => definitions[name]?.commandFn() };

  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root;
  act(() => {
    root = createRoot(container);
    root.render(<ReportSection commandsManager={commandsManager} />);
  });
  const find = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const text = (testId: string) => find(testId)?.textContent ?? null;
  const click = async (testId: string) => {
    const button = find(testId);
    if (!button) throw new Error(`no ${testId} in: ${container.textContent}`);
    await act(async () => {
      button.click();
      // Let the workflow's promises and the listing settle.
      for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    });
  };
  const phase = () => find('dotatate-report')?.dataset.phase;
  return { container, text, find, click, phase, stored, dataSource, unmount: () => act(() => root.unmount()) };
}

afterEach(() => {
  document.body.innerHTML = '';
});

test('Create report stores the SEG then the SR and says they now appear in the study', async () => {
  const review = reviewedStore(study);
  const view = setup(review);
  expect(view.text('dotatate-report-heading')).toBe('Report');
  await view.click('dotatate-create-report');
  expect(view.phase()).toBe('stored');
  expect(view.text('dotatate-report-stored')).toBe('Stored: a SEG with 3 lesions and its measurement report (SR).');
  expect(view.stored.map((part) => readPart10(part, 'stored').Modality)).toEqual(['SEG', 'SR']);
  expect(view.find('dotatate-report-listing')?.dataset.status).toBe('listed');
  // OHIF 3.13.2 caches the study metadata under "<name>:<study>": both keys are cleared.
  expect(view.dataSource.cleared).toEqual([study.pet.studyInstanceUID, `orthanc:${study.pet.studyInstanceUID}`]);
  expect(review.getState().storedReports).toHaveLength(1);
  view.unmount();
});

test('a refused STOW shows the HTTP status, keeps the report for download, and Retry stores it', async () => {
  const review = reviewedStore(study);
  const view = setup(review, 503);
  await view.click('dotatate-create-report');
  expect(view.phase()).toBe('storeFailed');
  expect(view.text('dotatate-report-error')).toBe(
    'The PACS refused the report (HTTP 503): request failed: Service unavailable. The report is kept: retry, or download it.',
  );
  expect(view.find('dotatate-report-download-seg')?.textContent).toBe('Download SEG');
  expect(view.find('dotatate-report-download-sr')?.textContent).toBe('Download SR');
  expect(review.getState().storedReports).toEqual([]);
  await view.click('dotatate-report-retry');
  expect(view.phase()).toBe('stored');
  expect(view.stored.map((part) => readPart10(part, 'stored').Modality)).toEqual(['SEG', 'SR']);
  view.unmount();
});

test('with no confirmed lesion it asks first, then stores an SR only', async () => {
  const review = reviewedStore(study);
  review.reject(1, 'edge-slice');
  review.reject(3, 'misregistration');
  review.removeAddedLesion(5);
  const view = setup(review);
  await view.click('dotatate-create-report');
  expect(view.text('dotatate-report-zero-lesions')).toBe(
    'No lesion is confirmed and 1 candidate is still pending. Create a report that records no hepatic lesions (an SR without a SEG)?',
  );
  await view.click('dotatate-report-cancel-zero');
  expect(view.phase()).toBe('idle');
  expect(view.stored).toEqual([]);
  await view.click('dotatate-create-report');
  await view.click('dotatate-report-confirm-zero');
  expect(view.text('dotatate-report-stored')).toBe('Stored: a measurement report (SR) recording that no hepatic lesion was confirmed.');
  expect(view.stored.map((part) => readPart10(part, 'stored').Modality)).toEqual(['SR']);
  view.unmount();
});

test('an edit after the report marks it stale; the next report names the first as its predecessor', async () => {
  const review = reviewedStore(study);
  const view = setup(review);
  await view.click('dotatate-create-report');
  await view.click('dotatate-report-dismiss');
  expect(view.find('dotatate-report-stale')).toBeNull();
  act(() => {
    review.editBoundary(1, box([1, 1, 0], [3, 3, 2]));
  });
  expect(view.text('dotatate-report-stale')).toMatch(/^The stored report no longer matches the review/);
  await view.click('dotatate-create-report');
  expect(view.phase()).toBe('stored');
  const [firstSeg, firstSr, , secondSr] = view.stored.map((part) => readPart10(part, 'stored'));
  const predecessors = (secondSr.PredecessorDocumentsSequence as Array<{ ReferencedSeriesSequence: Array<{ ReferencedSOPSequence: Array<{ ReferencedSOPInstanceUID: string }> }> }>)
    .flatMap((item) => item.ReferencedSeriesSequence)
    .flatMap((series) => series.ReferencedSOPSequence.map((sop) => sop.ReferencedSOPInstanceUID));
  expect(predecessors).toEqual([firstSr.SOPInstanceUID, firstSeg.SOPInstanceUID]);
  view.unmount();
});

test('without a review session it says why reports are unavailable', () => {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(<ReportSection commandsManager={{ runCommand: () => undefined }} />));
  expect(container.querySelector('[data-testid="dotatate-report-unavailable"]')?.textContent).toBe(
    'Reports are not available: the command dotatateLiver.reportWorkflow found no review session.',
  );
  act(() => root.unmount());
});
