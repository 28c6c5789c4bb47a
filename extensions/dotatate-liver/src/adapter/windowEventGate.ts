/**
 * A window listener that runs before react-router's. A window fires its own listeners in the order
 * they were added, capture or not (measured in Chromium: a capture listener added after a bubble
 * one runs second), and OHIF's BrowserRouter adds its popstate listener when the app first
 * renders. So the extension opens this gate once at registration, before that render, and the
 * leave guard takes events through it while it is installed; with no guard it does nothing.
 */

export type GatedEventType = 'popstate' | 'beforeunload';

export interface WindowEventGate {
  /** Sends the window's `type` events to `handler` (ahead of later listeners); returns its release. */
  take(type: GatedEventType, handler: (event: Event) => void): () => void;
  /** How many handlers the gate holds now (0 when no guard is installed). */
  handlerCount(): number;
}

interface EventTargetLike {
  addEventListener(type: string, listener: (event: Event) => void, options?: boolean | AddEventListenerOptions): void;
}

const GATED_TYPES: readonly GatedEventType[] = ['popstate', 'beforeunload'];

/** Adds one listener per gated event type to `target`, for the page's lifetime. */
export function openWindowEventGate(target: EventTargetLike): WindowEventGate {
  const handlers = new Map<GatedEventType, Set<(event: Event) => void>>(GATED_TYPES.map((type) => [type, new Set()]));
  for (const type of GATED_TYPES) {
    target.addEventListener(type, (event) => [...(handlers.get(type) ?? [])].forEach((handler) => handler(event)), { capture: true });
  }
  return {
    take(type, handler) {
      handlers.get(type)?.add(handler);
      return () => void handlers.get(type)?.delete(handler);
    },
    handlerCount: () => [...handlers.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

let pageGate: WindowEventGate | null = null;

/** The page's gate on `window`, opened on first call (call it early: at extension registration). */
export function windowEventGate(): WindowEventGate | null {
  if (typeof window === 'undefined') return null;
  pageGate ??= openWindowEventGate(window);
  return pageGate;
}
