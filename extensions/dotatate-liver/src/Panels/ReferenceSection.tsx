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
          <table className="dtl-table dtl-table--spheres" data-testid="dotatate-reference-spheres">
            <caption className="dtl-visually-hidden">Reference spheres in the liver</caption>
            <thead>
              <tr>
                <th title="Reference sphere">Sphere</th>
                <th title="Centre, patient coordinates L, P, S in mm">Centre (LPS mm)</th>
                <th title={`Mean inside the sphere (${units})`}>Mean</th>
              </tr>
            </thead>
            <tbody>
              {reference.spheres.map((sphere, index) => {
                const centre = sphere.centreLPS.map((value) => value.toFixed(0)).join(', ');
                return (
                  <tr key={index}>
                    <td>{index + 1}</td>
                    <td title={centre}>{centre}</td>
                    <td>{format(sphere.mean)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="dtl-hint">The spheres are placed automatically; moving them is not offered in the panel yet.</p>
        </>
      )}
    </PanelSection>
  );
}
