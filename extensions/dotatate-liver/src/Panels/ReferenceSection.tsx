import type { ReviewSession } from '../adapter/reviewSession';
import { FieldRow } from '../components/FieldRow';
import { Notice } from '../components/Notice';
import { PanelSection } from '../components/PanelSection';
import { useObservable } from '../hooks/useObservable';
import { LiverSection, liverButtonClass } from './LiverSection';

const format = (value: number) => value.toFixed(2);

/**
 * The liver mask and the PERCIST reference (three spheres, threshold = 1.5 × mean + 2 × SD).
 * Each sphere can be moved with one click in the liver; "Reset spheres" goes back to automatic
 * placement. Both re-run detection. A refused or failed change is said here; results are kept.
 */
export function ReferenceSection({ session }: { session: ReviewSession }) {
  const liver = useObservable(session.ui, (state) => state.liver);
  const armed = useObservable(session.ui, (state) => state.liverArmed);
  const moved = useObservable(session.ui, (state) => state.referenceCentresLPS !== null);
  const liverMessage = useObservable(session.ui, (state) => state.liverMessage);
  const runInfo = useObservable(session.store, (state) => state.runInfo);
  const running = useObservable(session.store, (state) => state.run.status === 'running');
  const reference = runInfo?.reference ?? null;
  if (!reference && !liver) return null;
  const units = runInfo?.units === 'SUVbw' ? 'SUVbw' : 'relative units';
  return (
    <PanelSection title="Liver and reference" testId="dotatate-reference-heading">
      <LiverSection session={session} />
      {reference && (
        <>
          <FieldRow label={`Mean ± SD (${units})`} testId="dotatate-reference-mean">
            {format(reference.mean)} ± {format(reference.sd)}
          </FieldRow>
          <FieldRow label="PERCIST threshold" testId="dotatate-reference-threshold">
            <span data-value={reference.threshold}>{format(reference.threshold)}</span>
          </FieldRow>
          <table className="dtl-table dtl-table--spheres" data-testid="dotatate-reference-spheres">
            <caption className="dtl-visually-hidden">Reference spheres in the liver</caption>
            <thead>
              <tr>
                <th title="Reference sphere">Sphere</th>
                <th title="Centre, patient coordinates L, P, S in mm">Centre (LPS mm)</th>
                <th title={`Mean inside the sphere (${units})`}>Mean</th>
                <th title="Move the sphere: then click its new centre in the liver">Move</th>
              </tr>
            </thead>
            <tbody>
              {reference.spheres.map((sphere, index) => {
                const centre = sphere.centreLPS.map((value) => value.toFixed(0)).join(', ');
                const sphereArmed = armed?.kind === 'sphere' && armed.index === index;
                return (
                  <tr key={index} data-testid={`dotatate-sphere-${index + 1}`}>
                    <td>{index + 1}</td>
                    <td title={centre}>{centre}</td>
                    <td>{format(sphere.mean)}</td>
                    <td>
                      <button
                        type="button"
                        className={liverButtonClass(sphereArmed)}
                        data-testid={`dotatate-sphere-move-${index + 1}`}
                        disabled={running}
                        title={`Move sphere ${index + 1}: click its new centre inside the liver on the PET`}
                        onClick={() => (sphereArmed ? session.disarmLiverClick() : session.armMoveSphere(index))}
                      >
                        {sphereArmed ? 'Click…' : 'Move'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="dtl-toolbar">
            <button
              type="button"
              className={liverButtonClass(false)}
              data-testid="dotatate-spheres-reset"
              disabled={running || !moved}
              title="Place the spheres automatically again; detection runs again"
              onClick={() => void session.resetSpheres()}
            >
              Reset spheres
            </button>
          </div>
          <p className="dtl-hint">
            {moved ? 'Spheres placed by you.' : 'Spheres placed automatically.'} A new liver seed places them automatically again.
          </p>
        </>
      )}
      {liverMessage && (
        <Notice tone="warning" testId="dotatate-liver-message">
          {liverMessage}
        </Notice>
      )}
    </PanelSection>
  );
}
