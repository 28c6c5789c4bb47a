import { useSyncExternalStore } from 'react';
import type { ObservableStore } from '../state/store';

/**
 * The current state of an observable store (the review store, the session's UI state), re-rendering
 * on every change; `select` must return a stable value for an unchanged state (use memoised selectors).
 */
export function useObservable<State, Selected = State>(store: ObservableStore<State>, select?: (state: State) => Selected): Selected {
  const getSnapshot = () => (select ? select(store.getState()) : (store.getState() as unknown as Selected));
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
