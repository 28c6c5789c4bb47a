/**
 * Minimal stand-ins for OHIF's ViewportGridService and DisplaySetService (their real versions need
 * the React viewer to run): they keep a grid state, hold display sets, and publish events with
 * OHIF's event names, counting live subscriptions so tests can see that a panel unsubscribed.
 */
type Listener = (event?: unknown) => void;

class FakePubSub {
  private listeners = new Map<string, Set<Listener>>();
  constructor(public readonly EVENTS: Record<string, string>) {}

  subscribe(eventName: string, callback: Listener) {
    const set = this.listeners.get(eventName) ?? new Set<Listener>();
    set.add(callback);
    this.listeners.set(eventName, set);
    return { unsubscribe: () => set.delete(callback) };
  }

  publish(eventName: string, event?: unknown) {
    [...(this.listeners.get(eventName) ?? [])].forEach(listener => listener(event));
  }

  get subscriptionCount(): number {
    return [...this.listeners.values()].reduce((total, set) => total + set.size, 0);
  }
}

export interface FakeDisplaySet {
  displaySetInstanceUID: string;
  Modality: string;
  SeriesDescription?: string;
  numImageFrames?: number;
  instances?: Record<string, unknown>[];
}

export class FakeDisplaySetService extends FakePubSub {
  private displaySets = new Map<string, FakeDisplaySet>();
  constructor() {
    super({ DISPLAY_SETS_ADDED: 'event::displaySetService:displaySetsAdded', DISPLAY_SETS_CHANGED: 'event::displaySetService:displaySetsChanged', DISPLAY_SETS_REMOVED: 'event::displaySetService:displaySetsRemoved' });
  }
  add(...displaySets: FakeDisplaySet[]) {
    displaySets.forEach(displaySet => this.displaySets.set(displaySet.displaySetInstanceUID, displaySet));
    this.publish(this.EVENTS.DISPLAY_SETS_ADDED, { displaySetsAdded: displaySets });
  }
  getDisplaySetByUID(uid: string) {
    return this.displaySets.get(uid);
  }
}

export class FakeViewportGridService extends FakePubSub {
  private activeViewportId: string | null = null;
  private viewports = new Map<string, { viewportId: string; displaySetInstanceUIDs: string[] }>();
  constructor() {
    super({ ACTIVE_VIEWPORT_ID_CHANGED: 'event::activeviewportidchanged', GRID_STATE_CHANGED: 'event::gridStateChanged', VIEWPORTS_READY: 'event::viewportsReady' });
  }
  setViewport(viewportId: string, displaySetInstanceUIDs: string[]) {
    this.viewports.set(viewportId, { viewportId, displaySetInstanceUIDs });
    this.publish(this.EVENTS.GRID_STATE_CHANGED);
  }
  setActiveViewportId(viewportId: string) {
    this.activeViewportId = viewportId;
    this.publish(this.EVENTS.ACTIVE_VIEWPORT_ID_CHANGED, { viewportId });
  }
  getActiveViewportId() {
    return this.activeViewportId;
  }
  getState() {
    return { activeViewportId: this.activeViewportId, viewports: this.viewports };
  }
}
