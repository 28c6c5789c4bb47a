/**
 * Asks before the reader leaves the mode inside the app while the review holds unsaved work.
 *
 * OHIF 3.13 renders its routes in a BrowserRouter, so react-router's navigation blocker is not
 * available and a route change cannot be held. The guard therefore stands in front of the two
 * in-app ways out:
 * - the header's return-to-study-list control: a capture-phase click listener on the window sees
 *   the click before React does, stops it, asks, and on "Leave" clicks the control again, letting
 *   that click through;
 * - the browser's Back button: on install the guard pushes a same-URL "sentinel" history entry.
 *   Back then only steps off the sentinel; the guard catches that popstate before react-router
 *   (through the window event gate, propagation stopped, so OHIF does not re-enter the mode),
 *   asks, and on "Stay" pushes the sentinel again, on "Leave" steps back for real.
 * Before the header click is let through, the guard steps off its sentinel, so the study list
 * replaces it and no stray same-URL entry stays in the tab's history.
 * Closing or reloading the tab is asked by the review session's own beforeunload handler; once the
 * reader has chosen "Leave" here, that second question is held back.
 *
 * The guard holds no OHIF or React: the window, what would be left and how to ask are injected,
 * so its decisions are tested with fakes.
 */
import type { WindowEventGate } from './windowEventGate';

/** What leaving now would leave unfinished (counts of the review's candidates). */
export interface UnsavedWork {
  /** Candidates still pending. */
  undecided: number;
  /** Accepted, rejected and reader-added lesions that no stored report holds in their current form. */
  unreportedDecisions: number;
  /** A report was stored, but the review changed since. */
  reportOutdated: boolean;
}

export type LeaveChoice = 'stay' | 'leave';

/** How the reader tried to leave. */
export type LeaveWay = 'return-to-study-list' | 'back';

/** The part of `window` the guard uses (tests pass a fake). */
export interface LeaveGuardWindow {
  addEventListener(type: string, listener: (event: Event) => void, options?: boolean | AddEventListenerOptions): void;
  removeEventListener(type: string, listener: (event: Event) => void, options?: boolean | EventListenerOptions): void;
  history: { readonly state: unknown; pushState(state: unknown, unused: string, url?: string | URL | null): void; back(): void };
  location: { readonly href: string };
  document: { querySelector(selector: string): Element | null };
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export interface LeaveGuardDependencies {
  window: LeaveGuardWindow;
  /** Brings the window's popstate and beforeunload events to the guard before react-router's listener. */
  gate: WindowEventGate;
  /** What leaving now would leave behind; null when nothing would be lost (then no question). */
  unsavedWork(): UnsavedWork | null;
  /** Asks the reader; closing the question without an answer counts as "stay". */
  ask(work: UnsavedWork, way: LeaveWay): Promise<LeaveChoice>;
  /** The header's return-to-study-list control (default: OHIF 3.13's `[data-cy="return-to-work-list"]`). */
  returnControlSelector?: string;
  /** How long to wait for the browser to step off the sentinel entry before leaving anyway (ms). */
  stepBackTimeoutMs?: number;
}

export interface LeaveGuard {
  /** Removes every listener the guard added; history entries stay (a browser cannot drop them). */
  remove(): void;
  /** False once removed. */
  readonly installed: boolean;
}

/** OHIF 3.13's header control that returns to the study list (ui-next Header). */
export const RETURN_TO_STUDY_LIST_SELECTOR = '[data-cy="return-to-work-list"]';

/** Marks the history entry the guard pushed, beside react-router's own keys (usr, key, idx). */
export const SENTINEL_STATE_KEY = 'ohifExtensionDotatateLiverLeaveGuard';

const DEFAULT_STEP_BACK_TIMEOUT_MS = 1_000;
const CAPTURE = { capture: true } as const;

function isSentinelState(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as Record<string, unknown>)[SENTINEL_STATE_KEY] === true;
}

/** Installs the guard on the current history entry; call `remove()` when the mode exits. */
export function installLeaveGuard(dependencies: LeaveGuardDependencies): LeaveGuard {
  const { window: win, gate, unsavedWork, ask } = dependencies;
  const selector = dependencies.returnControlSelector ?? RETURN_TO_STUDY_LIST_SELECTOR;
  const stepBackTimeoutMs = dependencies.stepBackTimeoutMs ?? DEFAULT_STEP_BACK_TIMEOUT_MS;

  let installed = true;
  let asking = false;
  /** The current history entry is the guard's sentinel: Back will only step off it. */
  let sentinelOnTop = false;
  /** Set while the guard itself steps off the sentinel; what to do once it has. */
  let afterStepBack: (() => void) | null = null;
  let stepBackTimer: number | null = null;
  /** A click the guard replays on the return control after "Leave": let it through. */
  let replayingClick = false;
  /** The reader chose "Leave": do not ask again if the way out unloads the page. */
  let leaveConfirmed = false;

  function pushSentinel(): void {
    const state = win.history.state;
    const base = typeof state === 'object' && state !== null ? state : {};
    win.history.pushState({ ...base, [SENTINEL_STATE_KEY]: true }, '', win.location.href);
    sentinelOnTop = true;
  }

  /** Steps off the sentinel (when on it), then runs `then`; leaves anyway if the browser does not answer. */
  function stepOffSentinel(then: () => void): void {
    if (!sentinelOnTop) {
      then();
      return;
    }
    afterStepBack = then;
    stepBackTimer = win.setTimeout(() => {
      stepBackTimer = null;
      const pending = afterStepBack;
      afterStepBack = null;
      sentinelOnTop = false;
      pending?.();
    }, stepBackTimeoutMs);
    win.history.back();
  }

  function clearStepBackTimer(): void {
    if (stepBackTimer !== null) win.clearTimeout(stepBackTimer);
    stepBackTimer = null;
  }

  /** Asks when there is work to lose; runs `leave` when there is none or the reader chooses to leave. */
  function confirmThen(way: LeaveWay, leave: () => void, stay: () => void): void {
    const work = unsavedWork();
    if (!work) {
      leave();
      return;
    }
    asking = true;
    ask(work, way).then(
      (choice) => {
        asking = false;
        if (!installed) return;
        if (choice === 'leave') {
          leaveConfirmed = true;
          leave();
        } else {
          stay();
        }
      },
      () => {
        // A question that could not be shown keeps the reader in the mode: nothing is lost.
        asking = false;
        if (installed) stay();
      },
    );
  }

  function returnToStudyList(control: Element): void {
    stepOffSentinel(() => {
      const target = control.isConnected ? control : win.document.querySelector(selector);
      if (!installed || !target || typeof (target as HTMLElement).click !== 'function') return;
      replayingClick = true;
      try {
        (target as HTMLElement).click();
      } finally {
        replayingClick = false;
      }
    });
  }

  function onClick(event: Event): void {
    const target = event.target;
    const control = target && typeof (target as Element).closest === 'function' ? (target as Element).closest(selector) : null;
    if (!control || replayingClick) return;
    // Before React (its listeners sit on the app's root element) sees the click.
    event.preventDefault();
    event.stopImmediatePropagation();
    if (asking || afterStepBack) return; // a second click while asking or leaving
    confirmThen('return-to-study-list', () => returnToStudyList(control), () => undefined);
  }

  function onPopState(event: Event): void {
    if (afterStepBack) {
      // The guard's own step off the sentinel: the same URL, nothing for the router to do.
      event.stopImmediatePropagation();
      clearStepBackTimer();
      sentinelOnTop = false;
      const then = afterStepBack;
      afterStepBack = null;
      then();
      return;
    }
    if (!sentinelOnTop) return; // not the guard's entry: the router handles it
    // The reader pressed Back: only the sentinel was left. Hide it from the router, which would
    // otherwise re-enter the mode on a "new" location with the same URL.
    event.stopImmediatePropagation();
    sentinelOnTop = false;
    if (asking) {
      pushSentinel(); // a question is already open: keep the reader where it was asked
      return;
    }
    confirmThen('back', () => win.history.back(), pushSentinel);
  }

  function onBeforeUnload(event: Event): void {
    if (leaveConfirmed) event.stopImmediatePropagation();
  }

  if (isSentinelState(win.history.state)) sentinelOnTop = true; // re-entered on its own sentinel
  else pushSentinel();
  // A click reaches the window in the capture phase before any element: no gate needed.
  win.addEventListener('click', onClick, CAPTURE);
  const releasePopState = gate.take('popstate', onPopState);
  const releaseBeforeUnload = gate.take('beforeunload', onBeforeUnload);

  return {
    remove() {
      if (!installed) return;
      installed = false;
      clearStepBackTimer();
      afterStepBack = null;
      win.removeEventListener('click', onClick, CAPTURE);
      releasePopState();
      releaseBeforeUnload();
    },
    get installed() {
      return installed;
    },
  };
}
