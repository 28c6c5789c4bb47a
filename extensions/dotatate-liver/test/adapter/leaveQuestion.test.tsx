/**
 * @jest-environment jsdom
 *
 * What the leave question says about the review (from the real review store), the question in a
 * modal service shaped like OHIF's (Stay, Leave, closed without an answer), and one guard per OHIF
 * services instance however often the mode is entered.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ComponentType } from 'react';
import { askInModal, guardLeavingFor, unguardLeavingFor, type UiModalServiceLike } from '../../src/adapter/leaveGuardCommands';
import type { LeaveChoice, LeaveGuardWindow } from '../../src/adapter/leaveGuard';
import { openWindowEventGate } from '../../src/adapter/windowEventGate';
import { describeUnsavedWork, unsavedWorkSentence } from '../../src/adapter/unsavedWork';
import type { ReviewStore } from '../../src/state/reviewStore';
import { firstResult, runDetection, storeWithStatistics } from '../state/reviewFixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function storeReport(store: ReviewStore): void {
  store.recordStoredReport({ revision: store.getState().revision, srSopInstanceUID: '2.25.1', segSopInstanceUID: '2.25.2', storedAt: '2024-01-01T00:00:00.000Z' });
}

describe('what would be left', () => {
  it('nothing before a run: no question', () => {
    expect(describeUnsavedWork(storeWithStatistics().getState())).toBeNull();
  });

  it('counts undecided candidates and decisions not in a report', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult()); // five candidates
    store.accept(1);
    store.reject(2, 'edge-slice');
    const work = describeUnsavedWork(store.getState());
    expect(work).toEqual({ undecided: 3, unreportedDecisions: 2, reportOutdated: false });
    expect(unsavedWorkSentence(work!)).toBe('3 candidates undecided, 2 decisions not in a report');
  });

  it('a stored report of the current review leaves nothing; a change after it makes the report out of date', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    [1, 2, 3, 4].forEach((id) => store.accept(id));
    store.reject(5, 'physiologic-uptake');
    storeReport(store);
    expect(describeUnsavedWork(store.getState())).toBeNull();
    store.reject(4, 'below-threshold');
    const work = describeUnsavedWork(store.getState());
    expect(work).toEqual({ undecided: 0, unreportedDecisions: 5, reportOutdated: true });
    expect(unsavedWorkSentence(work!)).toBe('the stored report out of date (5 decisions)');
  });

  it('one of each is said in the singular', () => {
    expect(unsavedWorkSentence({ undecided: 1, unreportedDecisions: 1, reportOutdated: false })).toBe('1 candidate undecided, 1 decision not in a report');
  });
});

/** A modal service like OHIF 3.13's ModalProvider: renders `content` with `contentProps` and `hide`. */
function fakeModalService() {
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | null = null;
  const shown: { title?: string }[] = [];
  const service: UiModalServiceLike & { hideCalls: number } = {
    hideCalls: 0,
    show(options) {
      shown.push({ title: options.title });
      const Content = options.content as ComponentType<Record<string, unknown>>;
      root = createRoot(container);
      act(() => root?.render(<Content {...options.contentProps} hide={() => service.hide()} />));
    },
    hide() {
      service.hideCalls++;
      act(() => root?.unmount());
      root = null;
    },
  };
  return { service, container, shown };
}

describe('the question in OHIF’s modal', () => {
  const work = { undecided: 3, unreportedDecisions: 2, reportOutdated: false };

  it('names the work; Stay answers stay and closes the modal', async () => {
    const { service, container, shown } = fakeModalService();
    const answer = askInModal(service)(work);
    expect(shown).toEqual([{ title: 'Leave the lesion review?' }]);
    expect(container.querySelector('[data-testid="dotatate-leave-work"]')?.textContent).toBe('This review has 3 candidates undecided, 2 decisions not in a report.');
    act(() => (container.querySelector('[data-testid="dotatate-leave-stay"]') as HTMLButtonElement).click());
    await expect(answer).resolves.toBe<LeaveChoice>('stay');
    expect(service.hideCalls).toBe(1);
    expect(container.innerHTML).toBe('');
  });

  it('Leave answers leave', async () => {
    const { service, container } = fakeModalService();
    const answer = askInModal(service)(work);
    act(() => (container.querySelector('[data-testid="dotatate-leave-confirm"]') as HTMLButtonElement).click());
    await expect(answer).resolves.toBe<LeaveChoice>('leave');
  });

  it('closed without an answer (Esc, the close button, another modal) is Stay', async () => {
    const { service } = fakeModalService();
    const answer = askInModal(service)(work);
    service.hide();
    await expect(answer).resolves.toBe<LeaveChoice>('stay');
  });
});

describe('one guard per OHIF services instance', () => {
  function countingWindow() {
    const added: string[] = [];
    const removed: string[] = [];
    const pushed: unknown[] = [];
    let state: unknown = { key: 'mode', idx: 1 };
    const fake: LeaveGuardWindow = {
      addEventListener: (type) => added.push(type),
      removeEventListener: (type) => removed.push(type),
      history: {
        get state() {
          return state;
        },
        pushState: (next) => {
          pushed.push(next);
          state = next;
        },
        back: () => undefined,
      },
      location: { href: 'http://viewer.test/dotatate-review' },
      document,
      setTimeout: () => 0,
      clearTimeout: () => undefined,
    };
    return { fake, added, removed, pushed, active: () => added.length - removed.length };
  }

  it('entering the mode twice leaves exactly one guard; leaving removes it', () => {
    const servicesManager = { services: { viewportGridService: {}, displaySetService: {} } } as never;
    const browser = countingWindow();
    const gate = openWindowEventGate(new EventTarget());
    const first = guardLeavingFor(servicesManager, () => null, browser.fake, gate);
    const second = guardLeavingFor(servicesManager, () => null, browser.fake, gate);
    expect(first?.installed).toBe(false);
    expect(second?.installed).toBe(true);
    expect(browser.active() + gate.handlerCount()).toBe(3);
    expect(browser.pushed).toHaveLength(1); // the second entry found its sentinel in place
    unguardLeavingFor(servicesManager);
    expect(browser.active() + gate.handlerCount()).toBe(0);
    unguardLeavingFor(servicesManager); // a second exit is harmless
    expect(browser.active() + gate.handlerCount()).toBe(0);
  });
});
