/**
 * One review session per OHIF services instance (one per mode session), kept at module level so
 * the review outlives the panel's React tree. The environment factory is set once by the
 * extension (the browser's) or by tests (fakes).
 */
import type { OhifServices, ServicesManagerLike } from './ohifTypes';
import { createReviewSession, type ReviewEnvironment, type ReviewSession } from './reviewSession';

type EnvironmentFactory = (services: OhifServices) => ReviewEnvironment;

let environmentFactory: EnvironmentFactory | null = null;
const sessions = new WeakMap<object, ReviewSession>();

export function configureReviewEnvironment(factory: EnvironmentFactory): void {
  environmentFactory = factory;
}

/** The session of this services instance, created on first use; null when no environment is configured. */
export function getReviewSession(servicesManager: ServicesManagerLike): ReviewSession | null {
  const services = servicesManager.services;
  const known = sessions.get(services);
  if (known) return known;
  if (!environmentFactory) return null;
  const session = createReviewSession(services, environmentFactory(services));
  sessions.set(services, session);
  return session;
}

/** Ends the session (mode exit): stops a run, removes listeners; the review stays in sessionStorage. */
export function endReviewSession(servicesManager: ServicesManagerLike): void {
  const services = servicesManager.services;
  sessions.get(services)?.dispose();
  sessions.delete(services);
}
