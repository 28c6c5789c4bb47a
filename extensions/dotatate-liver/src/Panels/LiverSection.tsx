import type { ReviewSession } from '../adapter/reviewSession';
import { FieldRow } from '../components/FieldRow';
import { useObservable } from '../hooks/useObservable';

const LIVER_SOURCES: Record<string, string> = {
  seg: 'from a liver segmentation',
  automatic: 'found automatically on the PET',
  seed: 'grown from a click in the liver',
};

/** Button classes shared by the liver and sphere controls (armed: waiting for the click). */
export function liverButtonClass(armed: boolean): string {
  return armed ? 'dtl-button dtl-button--small dtl-button--armed' : 'dtl-button dtl-button--small';
}

/**
 * The liver mask's rows of "Liver and reference": where it came from and its volume (ml), Show /
 * Hide of the liver and sphere overlay (its own labelmap, not part of the report), and "Re-seed
 * liver", which arms one click on the PET that becomes the liver seed before detection re-runs.
 */
export function LiverSection({ session }: { session: ReviewSession }) {
  const liver = useObservable(session.ui, (state) => state.liver);
  const shown = useObservable(session.ui, (state) => state.liverShown);
  const armed = useObservable(session.ui, (state) => state.liverArmed);
  if (!liver) return null;
  const seedArmed = armed?.kind === 'seed';
  return (
    <>
      <FieldRow label="Liver mask" testId="dotatate-liver-source">
        <span data-source={liver.source}>
          {LIVER_SOURCES[liver.source] ?? liver.source}, {liver.volumeMl.toFixed(0)} ml
        </span>
      </FieldRow>
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
      </div>
    </>
  );
}
