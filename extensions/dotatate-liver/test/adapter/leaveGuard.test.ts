/**
 * @jest-environment jsdom
 *
 * The leave guard's decisions, with a fake tab history and the DOM's real event dispatch: a header
 * click and a Back press ask only while there is unsaved work, Stay keeps everything (no navigation,
 * the same history), Leave goes on, removal leaves no listener behind and a second installation
 * never doubles the listeners or the sentinel entry.
 */
import {
  installLeaveGuard,
  RETURN_TO_STUDY_LIST_SELECTOR,
  SENTINEL_STATE_KEY,
  type LeaveChoice,
  type LeaveGuard,
  type LeaveGuardWindow,
  type LeaveWay,
  type UnsavedWork,
} from '../../src/adapter/leaveGuard';
import { openWindowEventGate } from '../../src/adapter/windowEventGate';

const MODE_URL = 'http://viewer.test/dotatate-review?StudyInstanceUIDs=1.2.3';
const LIST_URL = 'http://viewer.test/';
const SOME_WORK: UnsavedWork = { undecided: 3, unreportedDecisions: 2, reportOutdated: false };

interface HistoryEntry {
  state: unknown;
  url: string;
}

/**
 * A tab's session history: pushState drops forward entries; back() moves one entry back and
 * fires popstate on the window a task later, as browsers do.
 */
class FakeHistory {
  entries: HistoryEntry[];
  index: number;
  constructor(entries: HistoryEntry[]) {
    this.entries = entries;
    this.index = entries.length - 1;
  }
  get state(): unknown {
    return this.entries[this.index].state;
  }
  get url(): string {
    return this.entries[this.index].url;
  }
  pushState(state: unknown, _unused: string, url?: string | URL | null): void {
    this.entries = [...this.entries.slice(0, this.index + 1), { state, url: url ? String(url) : this.url }];
    this.index = this.entries.length - 1;
  }
  back(): void {
    if (this.index === 0) return;
    this.index--;
    const state = this.state;
    setTimeout(() => window.dispatchEvent(new PopStateEvent('popstate', { state })), 0);
  }
}

interface Question {
  work: UnsavedWork;
  way: LeaveWay;
  answer: (choice: LeaveChoice) => void;
}

/** One guarded mode page: header control, a stand-in for React and react-router, and the guard's window. */
function setUp({ work = SOME_WORK as UnsavedWork | null } = {}) {
  document.body.innerHTML = `<div id="root"><header><div data-cy="return-to-work-list"><svg class="arrow"></svg><span class="logo">OHIF</span></div></header></div>`;
  const history = new FakeHistory([
    { state: { usr: null, key: 'list', idx: 0 }, url: LIST_URL },
    { state: { usr: null, key: 'mode', idx: 1 }, url: MODE_URL },
  ]);
  const root = document.getElementById('root') as HTMLElement;
  const control = document.querySelector(RETURN_TO_STUDY_LIST_SELECTOR) as HTMLElement;
  // The extension opens its gate at registration, before the app renders its router.
  const gate = openWindowEventGate(window);
  const routerSaw: string[] = [];
  const reactSaw: string[] = [];
  // React listens on its root element (bubble); the header's onClick navigates to the study list.
  const reactClick = (event: Event) => {
    if ((event.target as Element).closest(RETURN_TO_STUDY_LIST_SELECTOR)) {
      reactSaw.push('return');
      history.pushState({ usr: null, key: 'list2', idx: 2 }, '', LIST_URL);
    }
  };
  root.addEventListener('click', reactClick);
  // react-router listens for popstate on the window (bubble).
  const routerPop = () => routerSaw.push(history.url);
  window.addEventListener('popstate', routerPop);
  // The review session's own beforeunload question.
  const sessionBeforeUnload = jest.fn();
  window.addEventListener('beforeunload', sessionBeforeUnload);

  /** The guard's listeners now added, per event type. */
  const live = new Map<string, Set<unknown>>();
  const liveCount = () => [...live.values()].reduce((sum, listeners) => sum + listeners.size, 0) + gate.handlerCount();
  const guardWindow: LeaveGuardWindow = {
    addEventListener: (type, listener, options) => {
      live.set(type, (live.get(type) ?? new Set()).add(listener));
      window.addEventListener(type, listener, options);
    },
    removeEventListener: (type, listener, options) => {
      live.get(type)?.delete(listener);
      window.removeEventListener(type, listener, options);
    },
    history,
    location: {
      get href() {
        return history.url;
      },
    },
    document,
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle),
  };

  const questions: Question[] = [];
  let currentWork = work;
  const installed: LeaveGuard[] = [];
  const askAndRecord = (asked: UnsavedWork, way: LeaveWay) =>
    new Promise<LeaveChoice>((resolve) => questions.push({ work: asked, way, answer: resolve }));
  const install = ({ ask = askAndRecord } = {}) => {
    const guard = installLeaveGuard({ window: guardWindow, gate, unsavedWork: () => currentWork, ask });
    installed.push(guard);
    return guard;
  };
  const cleanUp = () => {
    installed.forEach((guard) => guard.remove());
    root.removeEventListener('click', reactClick);
    window.removeEventListener('popstate', routerPop);
    window.removeEventListener('beforeunload', sessionBeforeUnload);
  };
  return {
    history,
    control,
    routerSaw,
    reactSaw,
    questions,
    liveCount,
    sessionBeforeUnload,
    install,
    cleanUp,
    setWork: (next: UnsavedWork | null) => (currentWork = next),
  };
}

/** Lets queued popstate events and promise callbacks run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) await new Promise((resolve) => setTimeout(resolve, 0));
}

function pressBack(history: FakeHistory): Promise<void> {
  history.back();
  return settle();
}

let page: ReturnType<typeof setUp>;
afterEach(() => page?.cleanUp());

describe('installing and removing', () => {
  it('pushes one same-URL sentinel entry and adds three listeners (click, popstate, beforeunload); remove takes every one away', () => {
    page = setUp();
    const guard = page.install();
    expect(page.history.entries.map((entry) => entry.url)).toEqual([LIST_URL, MODE_URL, MODE_URL]);
    expect(page.history.state).toMatchObject({ key: 'mode', idx: 1, [SENTINEL_STATE_KEY]: true });
    expect(page.liveCount()).toBe(3);
    guard.remove();
    guard.remove(); // twice is harmless
    expect(page.liveCount()).toBe(0);
    expect(guard.installed).toBe(false);
  });

  it('a second entry into the mode on the sentinel entry pushes no second sentinel and keeps one set of listeners', () => {
    page = setUp();
    page.install().remove();
    const second = page.install();
    expect(page.history.entries).toHaveLength(3);
    expect(page.liveCount()).toBe(3);
    second.remove();
    expect(page.liveCount()).toBe(0);
  });

  it('after removal a header click and a Back press pass untouched, without a question', async () => {
    page = setUp();
    page.install().remove();
    page.control.click();
    expect(page.reactSaw).toEqual(['return']);
    await pressBack(page.history);
    expect(page.routerSaw).toEqual([MODE_URL]);
    expect(page.questions).toHaveLength(0);
  });
});

describe("the header's return-to-study-list control", () => {
  it('with no unsaved work leaves at once: no question, the sentinel is replaced by the study list', async () => {
    page = setUp({ work: null });
    page.install();
    (page.control.querySelector('.logo') as HTMLElement).click(); // any part of the control
    await settle();
    expect(page.questions).toHaveLength(0);
    expect(page.reactSaw).toEqual(['return']);
    expect(page.routerSaw).toEqual([]); // the guard's own step off the sentinel stays hidden
    expect(page.history.entries.map((entry) => entry.url)).toEqual([LIST_URL, MODE_URL, LIST_URL]);
  });

  it('with unsaved work asks, naming the work; React never sees the click', async () => {
    page = setUp();
    page.install();
    page.control.click();
    await settle();
    expect(page.questions.map(({ work, way }) => ({ work, way }))).toEqual([{ work: SOME_WORK, way: 'return-to-study-list' }]);
    expect(page.reactSaw).toEqual([]);
    page.control.click(); // a second click while the question is open asks nothing more
    await settle();
    expect(page.questions).toHaveLength(1);
  });

  it('Stay keeps everything: no navigation, the same history', async () => {
    page = setUp();
    page.install();
    const before = JSON.stringify({ entries: page.history.entries, index: page.history.index });
    page.control.click();
    await settle();
    page.questions[0].answer('stay');
    await settle();
    expect(page.reactSaw).toEqual([]);
    expect(page.routerSaw).toEqual([]);
    expect(JSON.stringify({ entries: page.history.entries, index: page.history.index })).toBe(before);
    // The guard still stands: the next click asks again.
    page.control.click();
    await settle();
    expect(page.questions).toHaveLength(2);
  });

  it('Leave goes on to the study list through the control itself', async () => {
    page = setUp();
    page.install();
    page.control.click();
    await settle();
    page.questions[0].answer('leave');
    await settle();
    expect(page.reactSaw).toEqual(['return']);
    expect(page.routerSaw).toEqual([]);
    expect(page.history.url).toBe(LIST_URL);
    expect(page.history.entries).toHaveLength(3);
  });

  it('an answer that comes after the mode was left does nothing', async () => {
    page = setUp();
    const guard = page.install();
    page.control.click();
    await settle();
    guard.remove();
    page.questions[0].answer('leave');
    await settle();
    expect(page.reactSaw).toEqual([]);
  });

  it('a question that cannot be shown keeps the reader in the mode', async () => {
    page = setUp();
    page.install({ ask: () => Promise.reject(new Error('no modal')) });
    page.control.click();
    await settle();
    expect(page.reactSaw).toEqual([]);
    expect(page.history.entries).toHaveLength(3);
  });
});

describe("the browser's Back button", () => {
  it('with no unsaved work one Back leaves the mode: the router sees only the study list', async () => {
    page = setUp({ work: null });
    page.install();
    await pressBack(page.history);
    await settle();
    expect(page.questions).toHaveLength(0);
    expect(page.routerSaw).toEqual([LIST_URL]);
  });

  it('with unsaved work asks, and the router does not see the step off the sentinel', async () => {
    page = setUp();
    page.install();
    await pressBack(page.history);
    expect(page.questions.map(({ work, way }) => ({ work, way }))).toEqual([{ work: SOME_WORK, way: 'back' }]);
    expect(page.routerSaw).toEqual([]);
  });

  it('Stay puts the sentinel back (same URL, nothing for the router); the next Back asks again', async () => {
    page = setUp();
    page.install();
    await pressBack(page.history);
    page.questions[0].answer('stay');
    await settle();
    expect(page.routerSaw).toEqual([]);
    expect(page.history.entries.map((entry) => entry.url)).toEqual([LIST_URL, MODE_URL, MODE_URL]);
    expect(page.history.state).toMatchObject({ [SENTINEL_STATE_KEY]: true });
    await pressBack(page.history);
    expect(page.questions).toHaveLength(2);
    expect(page.routerSaw).toEqual([]);
  });

  it('Leave steps back for real: the router routes to the study list', async () => {
    page = setUp();
    page.install();
    await pressBack(page.history);
    page.questions[0].answer('leave');
    await settle();
    expect(page.routerSaw).toEqual([LIST_URL]);
    expect(page.history.url).toBe(LIST_URL);
  });

  it('once the reader chose Leave, the session is not asked again if the page unloads', async () => {
    page = setUp();
    page.install();
    window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    expect(page.sessionBeforeUnload).toHaveBeenCalledTimes(1); // before any answer: the session asks
    await pressBack(page.history);
    page.questions[0].answer('leave');
    await settle();
    window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    expect(page.sessionBeforeUnload).toHaveBeenCalledTimes(1);
  });

  it('work that is saved meanwhile is read at the moment of leaving: no question then', async () => {
    page = setUp();
    page.install();
    page.setWork(null);
    await pressBack(page.history);
    await settle();
    expect(page.questions).toHaveLength(0);
    expect(page.routerSaw).toEqual([LIST_URL]);
  });
});
