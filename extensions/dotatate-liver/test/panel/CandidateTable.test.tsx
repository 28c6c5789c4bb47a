/**
 * @jest-environment jsdom
 *
 * The compact candidate list: numbers at a precision that fits the narrow columns, the sort
 * indicator, the selected and edited rows, and the per-row actions (accept, reject, edit).
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { regionFromSortedIndices } from '../../src/adapter/regionStatistics';
import { CandidateTable, type CandidateTableProps } from '../../src/components/CandidateTable';
import { formatScore, formatSuv, formatVolumeMl } from '../../src/components/numberFormat';
import type { ReviewCandidate } from '../../src/state/reviewTypes';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function candidate(id: number, suvMax: number, volumeMl: number, decision: ReviewCandidate['decision'], edited = false): ReviewCandidate {
  return {
    id,
    detectionLabel: id,
    decision,
    edited,
    keptFromEarlierRun: false,
    region: regionFromSortedIndices([4, 4, 4], [id]),
    statistics: {
      id,
      centroidLPS: [0, 0, 0],
      voxels: 12,
      volumeMl,
      suvMax,
      suvMean: suvMax / 2,
      suvPeak: suvMax * 0.8,
      totalLesionActivity: 1,
      longestAxialDiameterMm: 4,
      sliceRange: [3, 7],
      score: 0.934,
    },
  };
}

function render(overrides: Partial<CandidateTableProps> = {}) {
  const calls: string[] = [];
  const props: CandidateTableProps = {
    candidates: [candidate(1, 15.34, 230.57, { kind: 'accepted' }, true), candidate(2, 143.2, 0.0712, { kind: 'rejected', reason: 'physiologic-uptake', note: '' })],
    units: 'SUVbw',
    sort: { key: 'suvMax', direction: 'descending' },
    selectedId: 2,
    rejectingId: null,
    editingId: null,
    onSort: (key) => calls.push(`sort ${key}`),
    onSelect: (id) => calls.push(`select ${id}`),
    onAccept: (id) => calls.push(`accept ${id}`),
    onRejecting: (id) => calls.push(`rejecting ${id}`),
    onEdit: (id) => calls.push(`edit ${id}`),
    onRemove: (id) => calls.push(`remove ${id}`),
    renderRejectChooser: (c) => <span data-testid="chooser">reasons for {c.id}</span>,
    ...overrides,
  };
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(<CandidateTable {...props} />));
  const cell = (testId: string) => container.querySelector(`[data-testid="${testId}"]`);
  const click = (testId: string) => act(() => (cell(testId) as HTMLElement).click());
  return { container, calls, cell, click, unmount: () => act(() => root.unmount()) };
}

afterEach(() => {
  document.body.innerHTML = '';
});

test('numbers take as many digits as their size warrants', () => {
  expect([formatSuv(8.04), formatSuv(15.36), formatSuv(143.2)]).toEqual(['8.0', '15.4', '143']);
  expect([formatVolumeMl(0.0712), formatVolumeMl(4.021), formatVolumeMl(42.55), formatVolumeMl(230.57)]).toEqual(['0.07', '4.02', '42.5', '231']);
  expect(formatScore(0.934)).toBe('0.93');
  expect(formatSuv(Number.NaN)).toBe('–');
});

test('rows show compact values with the full value as tooltip; the sorted column has its indicator', () => {
  const { cell, container, unmount } = render();
  expect(cell('dotatate-candidate-1-suvMax')?.textContent).toBe('15.3');
  expect(cell('dotatate-candidate-1-volume')?.textContent).toBe('231');
  expect(cell('dotatate-candidate-1-volume')?.getAttribute('title')).toBe('230.570 ml, 12 voxels');
  expect(cell('dotatate-candidate-2-suvMax')?.textContent).toBe('143');
  expect(cell('dotatate-candidate-1-slices')?.textContent).toBe('5');
  expect(container.querySelectorAll('[data-testid="dotatate-sort-indicator"]')).toHaveLength(1);
  expect(cell('dotatate-sort-suvMax')?.textContent).toBe('Max▾');
  expect(cell('dotatate-sort-suvMax')?.closest('th')?.getAttribute('aria-sort')).toBe('descending');
  // Eight fixed columns: the list is laid out to the panel's width, not scrolled.
  expect(container.querySelectorAll('col')).toHaveLength(8);
  unmount();
});

test('the selected row is highlighted; the state is a glyph with the decision in words, an edit marked', () => {
  const { cell, unmount } = render();
  expect(cell('dotatate-candidate-2')?.className).toContain('dtl-row--selected');
  expect(cell('dotatate-candidate-1')?.className).not.toContain('dtl-row--selected');
  expect(cell('dotatate-candidate-1-state')?.getAttribute('title')).toBe('accepted, boundary edited');
  expect(cell('dotatate-candidate-1')?.getAttribute('data-edited')).toBe('true');
  expect(cell('dotatate-candidate-2-state')?.getAttribute('title')).toBe('rejected: physiologic uptake');
  unmount();
});

test('a header click sorts, a row click selects, and the action buttons act on their row only', () => {
  const { calls, click, unmount } = render();
  click('dotatate-sort-volume');
  click('dotatate-candidate-1');
  click('dotatate-accept-2');
  click('dotatate-reject-1');
  click('dotatate-edit-2');
  expect(calls).toEqual(['sort volume', 'select 1', 'accept 2', 'rejecting 1', 'edit 2']);
  unmount();
});

test('the open chooser sits under its row and the edited row marks its edit button', () => {
  const { cell, unmount } = render({ rejectingId: 1, editingId: 2 });
  expect(cell('chooser')?.textContent).toBe('reasons for 1');
  expect(cell('dotatate-edit-2')?.getAttribute('aria-pressed')).toBe('true');
  expect(cell('dotatate-edit-1')?.getAttribute('aria-pressed')).toBe('false');
  unmount();
});

test('a PET without SUV: the uptake columns say relative units, never SUV', () => {
  const suv = render();
  expect(suv.cell('dotatate-candidate-1-suvMax')?.getAttribute('title')).toBe('SUVmax 15.34');
  expect(suv.cell('dotatate-sort-suvPeak')?.closest('th')?.getAttribute('title')).toMatch(/^SUVpeak/);
  suv.unmount();
  const relative = render({ units: 'relative' });
  expect(relative.cell('dotatate-candidate-1-suvMax')?.getAttribute('title')).toBe('Max (relative units, not SUV) 15.34');
  expect(relative.cell('dotatate-candidate-1-suvPeak')?.getAttribute('title')).toMatch(/^Peak \(relative units, not SUV\)/);
  expect(relative.cell('dotatate-sort-suvMax')?.closest('th')?.getAttribute('title')).toMatch(/^Max \(relative units/);
  expect(relative.container.innerHTML).not.toMatch(/SUV(max|peak)/);
  relative.unmount();
});
