/**
 * A minimal observable store: getState / subscribe / dispatch. It is the shape React's
 * `useSyncExternalStore(store.subscribe, store.getState)` expects, and has no framework dependency,
 * so the review survives a panel being closed, a layout change, and runs in Node tests.
 */

export type Listener = () => void;

export interface ObservableStore<State> {
  getState(): State;
  /** Adds a listener called after every change of state; returns the function that removes it. */
  subscribe(listener: Listener): () => void;
}

export interface WritableStore<State> extends ObservableStore<State> {
  /** Replaces the state; listeners run only when the new state is a different object. */
  setState(next: State): void;
}

export function createStore<State>(initialState: State): WritableStore<State> {
  let state = initialState;
  const listeners = new Set<Listener>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setState(next) {
      if (Object.is(next, state)) return;
      state = next;
      // A copy, so a listener that unsubscribes itself does not skip its neighbour.
      for (const listener of [...listeners]) listener();
    },
  };
}

/**
 * Caches a selector's result for the last state object, so that selectors returning new arrays or
 * objects give React a stable value between changes (useSyncExternalStore requires it).
 */
export function memoizeByState<State extends object, Result>(select: (state: State) => Result): (state: State) => Result {
  let lastState: State | undefined;
  let lastResult: Result;
  return (state) => {
    if (state !== lastState) {
      lastResult = select(state);
      lastState = state;
    }
    return lastResult;
  };
}
