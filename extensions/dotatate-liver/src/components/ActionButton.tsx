import type { ReactNode } from 'react';

/** A secondary button in OHIF's style. */
export function ActionButton({ onClick, testId, children }: { onClick: () => void; testId?: string; children: ReactNode }) {
  return (
    <button type="button" className="dtl-button" onClick={onClick} data-testid={testId}>
      {children}
    </button>
  );
}
