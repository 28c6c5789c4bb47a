import { describeActivePet, NO_ACTIVE_DISPLAY_SET_MESSAGE } from '../../src/adapter/activePet';
import type { DisplaySetServiceLike, OhifDisplaySet, ViewportGridServiceLike } from '../../src/adapter/ohifTypes';

const pet: OhifDisplaySet = { displaySetInstanceUID: 'pt', Modality: 'PT', SeriesDescription: 'PET WB', numImageFrames: 200, instances: [{}] };
const ct: OhifDisplaySet = { displaySetInstanceUID: 'ct', Modality: 'CT', SeriesDescription: 'CT WB', numImageFrames: 300, instances: [{}] };

function services(activeViewportId: string | null, viewports: Record<string, string[]>, asMap = true) {
  const entries = Object.entries(viewports).map(([viewportId, uids]) => [viewportId, { viewportId, displaySetInstanceUIDs: uids }] as const);
  const viewportGridService: ViewportGridServiceLike = {
    EVENTS: {},
    subscribe: () => ({ unsubscribe: () => undefined }),
    getState: () => ({ activeViewportId, viewports: asMap ? new Map(entries) : Object.fromEntries(entries) }),
  };
  const byUid = new Map([pet, ct].map(displaySet => [displaySet.displaySetInstanceUID, displaySet]));
  const displaySetService: DisplaySetServiceLike = {
    EVENTS: {},
    subscribe: () => ({ unsubscribe: () => undefined }),
    getDisplaySetByUID: uid => byUid.get(uid),
  };
  return [viewportGridService, displaySetService] as const;
}

test('no active viewport: says no PET series is active', () => {
  expect(describeActivePet(...services(null, {}))).toEqual({ kind: 'no-display-set', message: NO_ACTIVE_DISPLAY_SET_MESSAGE });
});

test('an active viewport whose display sets are unknown counts as empty', () => {
  expect(describeActivePet(...services('v1', { v1: ['gone'] })).kind).toBe('no-display-set');
});

test('a fused viewport (CT + PT) is described by its PET layer', () => {
  const state = describeActivePet(...services('fused', { fused: ['ct', 'pt'] }));
  expect(state.kind === 'pet' && state.description.seriesDescription).toBe('PET WB');
});

test('a CT viewport is reported as not PET, naming its modality and series', () => {
  const state = describeActivePet(...services('v2', { v1: ['pt'], v2: ['ct'] }, false));
  expect(state).toMatchObject({ kind: 'not-pet', modality: 'CT', seriesDescription: 'CT WB' });
  expect(state.kind === 'not-pet' && state.message).toMatch(/CT series \("CT WB"\), not PET/);
});
