import type { ReviewSession } from '../adapter/reviewSession';
import { BrushToolButtons } from '../components/BrushToolButtons';
import { FieldRow } from '../components/FieldRow';
import { useObservable } from '../hooks/useObservable';

const LIVER_SOURCES: Record<string, string> = {
  seg: 'from a liver segmentation',
  automatic: 'found automatically on the PET',
  seed: 'grown from a click in the liver',
  edited: 'edited with the brush',
};

/** Button classes shared by the liver and sphere controls (armed: waiting for the click). */
export function liverButtonClass(armed: boolean): string {
  return armed ? 'dtl-button dtl-button--small dtl-button--armed' : 'dtl-button dtl-button--small';
}

/** Brush / eraser / Apply / Cancel while the reader paints the liver mask. */
function LiverEditBar({ session }: { session: ReviewSession }) {
  const tool = useObservable(session.ui, (state) => state.editTool);
  const running = useObservable(session.store, (state) => state.run.status === 'running');
  return (
    <div className="dtl-editbar" role="group" aria-label="Editing the liver mask" data-testid="dotatate-liver-edit-bar">
      <span className="dtl-editbar__label">✎ Liver</span>
      <BrushToolButtons tool={tool} onTool={(value) => session.setLiverEditTool(value)} testIdPrefix="dotatate-liver-edit" target="the liver mask" />
      <button
        type="button"
        className="dtl-button dtl-button--small dtl-button--primary"
        data-testid="dotatate-liver-edit-apply"
        disabled={running}
        title="Use the painted liver: detection runs again with it and keeps your decisions on overlapping candidates"
        onClick={() => void session.applyLiverEdit()}
      >
        {running ? 'Applying…' : 'Apply'}
      </button>
      <button
        type="button"
        className="dtl-button dtl-button--small"
        data-testid="dotatate-liver-edit-cancel"
        disabled={running}
        title="Drop the strokes and keep the earlier liver"
        onClick={() => void session.cancelLiverEdit()}
      >
        Cancel
      </button>
    </div>
  );
}

/**
 * The liver mask's rows of "Liver and reference": where it came from and its volume (ml), Show /
 * Hide of the liver and sphere overlay (its own labelmap, not part of the report), "Re-seed
 * liver", which arms one click on the PET that becomes the liver seed before detection re-runs,
 * and "Edit liver", which lets the reader paint the mask with the brush and apply it.
 */
export function LiverSection({ session }: { session: ReviewSession }) {
  const liver = useObservable(session.ui, (state) => state.liver);
  const shown = useObservable(session.ui, (state) => state.liverShown);
  const armed = useObservable(session.ui, (state) => state.liverArmed);
  const editing = useObservable(session.ui, (state) => state.liverEditing);
  const running = useObservable(session.store, (state) => state.run.status === 'running');
  const hasRun = useObservable(session.store, (state) => state.runInfo !== null);
  if (!liver) {
    // A review saved before the liver was kept with it: the liver controls need a new run.
    return hasRun ? (
      <FieldRow label="Liver mask" testId="dotatate-liver-source">
        <span data-source="none">Run detection first: this review was saved without its liver mask.</span>
      </FieldRow>
    ) : null;
  }
  const seedArmed = armed?.kind === 'seed';
  return (
    <>
      <FieldRow label="Liver mask" testId="dotatate-liver-source">
        <span data-source={liver.source} data-volume-ml={liver.volumeMl}>
          {LIVER_SOURCES[liver.source] ?? liver.source}, {liver.volumeMl.toFixed(0)} ml
        </span>
      </FieldRow>
      {editing ? (
        <LiverEditBar session={session} />
      ) : (
        <div className="dtl-toolbar">
          <button
            type="button"
            className={liverButtonClass(false)}
            data-testid="dotatate-liver-toggle"
            aria-pressed={shown}
            title="Show the liver mask (teal) and the reference spheres (magenta) on the PET; they are not part of the report"
            onClick={() => void session.setLiverShown(!shown)}
          >
            {shown ? 'Hide liver' : 'Show liver'}
          </button>
          <button
            type="button"
            className={liverButtonClass(seedArmed)}
            data-testid="dotatate-liver-reseed"
            title="Grow the liver from a point you click on the PET; detection runs again and keeps your decisions on overlapping candidates"
            onClick={() => (seedArmed ? session.disarmLiverClick() : session.armLiverSeed())}
          >
            {seedArmed ? 'Click the liver…' : 'Re-seed liver'}
          </button>
          <button
            type="button"
            className={liverButtonClass(false)}
            data-testid="dotatate-liver-edit"
            disabled={running}
            title="Paint the liver mask with the brush or eraser on the PET, then Apply: detection runs again with your liver"
            onClick={() => void session.startLiverEdit()}
          >
            Edit liver
          </button>
        </div>
      )}
    </>
  );
}
