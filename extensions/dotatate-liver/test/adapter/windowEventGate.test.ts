/**
 * The window event gate: opened before another listener, its handlers run first and can keep the
 * event from that listener (a window fires its listeners in the order they were added); with no
 * handler it lets everything through.
 */
import { openWindowEventGate } from '../../src/adapter/windowEventGate';

describe('window event gate', () => {
  it('runs its handlers before listeners added later; a handler can stop the event; release lets it through again', () => {
    const target = new EventTarget();
    const gate = openWindowEventGate(target);
    const seen: string[] = [];
    target.addEventListener('popstate', () => seen.push('router'));
    const release = gate.take('popstate', (event) => {
      seen.push('guard');
      event.stopImmediatePropagation();
    });
    target.dispatchEvent(new Event('popstate'));
    expect(seen).toEqual(['guard']);
    release();
    target.dispatchEvent(new Event('popstate'));
    expect(seen).toEqual(['guard', 'router']);
    expect(gate.handlerCount()).toBe(0);
  });

  it('keeps event types apart', () => {
    const target = new EventTarget();
    const gate = openWindowEventGate(target);
    const unloads: Event[] = [];
    gate.take('beforeunload', (event) => unloads.push(event));
    target.dispatchEvent(new Event('popstate'));
    target.dispatchEvent(new Event('beforeunload'));
    expect(unloads.map((event) => event.type)).toEqual(['beforeunload']);
  });
});
