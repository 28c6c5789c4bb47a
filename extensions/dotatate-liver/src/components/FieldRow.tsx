import type { ReactNode } from 'react';

/** One labelled value ("Slices  162"); the value carries the test id. */
export function FieldRow({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="dtl-field">
      <span className="dtl-field__label">{label}</span>
      <span className="dtl-field__value" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}
