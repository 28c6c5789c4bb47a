import type { ReactNode } from 'react';

export type NoticeTone = 'info' | 'warning' | 'error';

/** A short message to the reader, e.g. why the panel has nothing to show. */
export function Notice({ tone = 'info', testId, children }: { tone?: NoticeTone; testId?: string; children: ReactNode }) {
  return (
    <p className={`dtl-notice dtl-notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </p>
  );
}
