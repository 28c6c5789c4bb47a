import type { ReviewSession } from '../adapter/reviewSession';
import { FieldRow } from '../components/FieldRow';
import { PanelSection } from '../components/PanelSection';
import { useObservable } from '../hooks/useObservable';

const LIVER_SOURCES: Record<string, string> = {
  seg: 'from a liver segmentation',
  automatic: 'found automatically on the PET',
  seed: 'grown from a click in the liver',
};

const format = (value: number) => value.toFixed(2);

/** The liver mask and the PERCIST reference (three spheres, threshold = 1.5 × mean + 2 × SD). */
export function ReferenceSection({ session }: { session: ReviewSession }) {
  const liver = useObservable(session.ui, (state) => state.liver);
  const runInfo = useObservable(session.store, (state) => state.runInfo);
  const reference = runInfo?.reference ?? null;
  if (!reference && !liver) return null;
  const units = runInfo?.units === 'SUVbw' ? 'SUVbw' : 'relative units';
  return (
    <PanelSection title="Liver and reference" testId="dotatate-reference-heading">
      {liver && (
        <FieldRow label="Liver mask" testId="dotatate-liver-source">
          {LIVER_SOURCES[liver.source] ?? liver.source}, {liver.volumeMl.toFixed(0)} ml
        </FieldRow>
      )}
      {reference && (
        <>
          <FieldRow label={`Mean ± SD (${units})`} testId="dotatate-reference-mean">
            {format(reference.mean)} ± {format(reference.sd)}
          </FieldRow>
          <FieldRow label="PERCIST threshold" testId="dotatate-reference-threshold">
            {format(reference.threshold)}
          </FieldRow>
          <ul className="dtl-list-plain" data-testid="dotatate-reference-spheres">
            {reference.spheres.map((sphere, index) => (
              <li key={index}>
                Sphere {index + 1}: ({sphere.centreLPS.map((value) => value.toFixed(0)).join(', ')}) mm LPS, mean {format(sphere.mean)}
              </li>
            ))}
          </ul>
          <p className="dtl-hint">The spheres are placed automatically; moving them is not offered in the panel yet.</p>
        </>
      )}
    </PanelSection>
  );
}
