import { useEffect, useState } from 'react';
import type { ReviewSession, VolumeStatus } from '../adapter/reviewSession';

function sameStatus(a: VolumeStatus, b: VolumeStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether the active PET's volume is loaded, polled while it streams in (cornerstone reports frames
 * per image; a poll of one number a second is cheaper than listening to every frame). When it
 * becomes ready the overlay is refreshed, so a restored review appears once the images are in.
 */
export function useVolumeStatus(session: ReviewSession | null, refreshKey: unknown, intervalMs = 1000): VolumeStatus {
  const [status, setStatus] = useState<VolumeStatus>(() => session?.volumeStatus() ?? { kind: 'no-pet' });
  useEffect(() => {
    if (!session) return undefined;
    let last: VolumeStatus | null = null;
    const poll = () => {
      const next = session.volumeStatus();
      if (last && sameStatus(last, next)) return;
      if (next.kind === 'ready' && last?.kind !== 'ready') void session.refreshOverlay();
      last = next;
      setStatus(next);
    };
    poll();
    const timer = setInterval(poll, intervalMs);
    return () => clearInterval(timer);
  }, [session, refreshKey, intervalMs]);
  return status;
}
