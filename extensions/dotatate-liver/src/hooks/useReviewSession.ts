import { useMemo } from 'react';
import type { ServicesManagerLike } from '../adapter/ohifTypes';
import { getReviewSession } from '../adapter/sessionRegistry';
import type { ReviewSession } from '../adapter/reviewSession';

/** The review session of this OHIF session (created on first use); null when none can be made. */
export function useReviewSession(servicesManager: ServicesManagerLike): ReviewSession | null {
  return useMemo(() => getReviewSession(servicesManager), [servicesManager]);
}
