import type { ReactNode } from 'react';

/** A titled block of the side panel, styled like OHIF ui-next's panel sections. */
export function PanelSection({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <section className="dtl-section">
      <h2 className="dtl-section__title" data-testid={testId}>
        {title}
      </h2>
      <div className="dtl-section__body">{children}</div>
    </section>
  );
}
