import { useEffect } from 'react';
import { describeDetectorChoices, MAX_FILTER_PX } from '../adapter/detectorChoices';
import type { ReviewSession, VolumeStatus } from '../adapter/reviewSession';
import { PanelSection } from '../components/PanelSection';
import { Notice } from '../components/Notice';
import { ProgressStages } from '../components/ProgressStages';
import { useObservable } from '../hooks/useObservable';
import { counted } from '../state/counted';
import { ensureModelChecked, modelAvailability } from '../worker/modelAvailability';
import { liverButtonClass } from './LiverSection';
import type { DetectorChoice } from '../worker/protocol';

function volumeLine(status: VolumeStatus): { text: string; ready: boolean } {
  switch (status.kind) {
    case 'no-pet':
      return { text: 'No PET series is active.', ready: false };
    case 'not-found':
      return { text: 'The PET volume is not loaded in a viewport yet.', ready: false };
    case 'loading':
      return { text: `PET volume loading: ${Math.round(status.fraction * 100)} %. Run is enabled once every slice is in.`, ready: false };
    case 'ready':
      return {
        text: status.units === 'SUVbw' ? 'PET volume ready (SUVbw).' : 'PET volume ready, in relative units (no SUV): values are not SUV.',
        ready: true,
      };
  }
}

function seconds(ms: number | null): string {
  return ms === null ? '…' : `${(ms / 1000).toFixed(1)} s`;
}

/** Detector, pixel filter, backend, Run / Cancel and the staged progress bar. */
export function DetectionSection({ session, volumeStatus }: { session: ReviewSession; volumeStatus: VolumeStatus }) {
  const ui = useObservable(session.ui);
  const run = useObservable(session.store, (state) => state.run);
  const model = useObservable(modelAvailability);
  const choices = describeDetectorChoices(model);
  const chosen = choices.find((choice) => choice.value === ui.detector) ?? choices[0];
  const volume = volumeLine(volumeStatus);
  const running = run.status === 'running';
  // The U-Net needs its model: asked once per page (the first panel to show), before it is offered.
  useEffect(ensureModelChecked, []);
  const useClassical = () => {
    session.setDetector('percist');
    if (volume.ready) void session.run();
  };

  return (
    <PanelSection title="Detection" testId="dotatate-detection-heading">
      <p className={volume.ready ? 'dtl-hint' : 'dtl-hint dtl-hint--warn'} data-testid="dotatate-volume-status">
        {volume.text}
      </p>
      <label className="dtl-field">
        <span className="dtl-field__label">Detector</span>
        <select
          className="dtl-input"
          data-testid="dotatate-detector"
          value={ui.detector}
          disabled={running}
          onChange={(event) => session.setDetector(event.target.value as DetectorChoice)}
        >
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value} disabled={!choice.available} title={choice.reason ?? undefined}>
              {choice.label}
              {choice.available ? '' : ' (unavailable)'}
            </option>
          ))}
        </select>
      </label>
      {model.status === 'unavailable' ? (
        <Notice tone="warning" testId="dotatate-model-unavailable">
          {model.reason}{' '}
          {ui.detector !== 'percist' && (
            <button type="button" className="dtl-button" data-testid="dotatate-use-classical" disabled={running} onClick={useClassical}>
              {volume.ready ? 'Run the classical detector' : 'Use the classical detector'}
            </button>
          )}
        </Notice>
      ) : model.status === 'available' && model.caution && ui.detector !== 'percist' ? (
        <Notice tone="warning" testId="dotatate-model-caution">
          {model.caution}
        </Notice>
      ) : (
        choices
          .filter((choice) => !choice.available)
          .slice(0, 1)
          .map((choice) => (
            <p key={choice.value} className="dtl-hint" data-testid="dotatate-detector-unavailable">
              {choice.reason}
            </p>
          ))
      )}
      <label className="dtl-field">
        <span className="dtl-field__label">Pixel filter (px)</span>
        <input
          className="dtl-input dtl-input--number"
          type="number"
          min={0}
          max={MAX_FILTER_PX}
          step={1}
          data-testid="dotatate-filter-px"
          value={ui.filterPx}
          disabled={running}
          onChange={(event) => session.setFilterPx(Number(event.target.value))}
        />
      </label>
      <div className="dtl-field">
        <span className="dtl-field__label">Runs on</span>
        <span className="dtl-field__value" data-testid="dotatate-backend">
          {chosen.backend}
        </span>
      </div>
      {chosen.value !== 'percist' && model.status === 'available' && model.lastRun && (
        <p className="dtl-hint" data-testid="dotatate-unet-run">
          {model.model}: {model.lastRun.slicesRun} slices in {seconds(model.lastRun.milliseconds)}.
        </p>
      )}
      <div className="dtl-actions">
        <button
          type="button"
          className="dtl-button dtl-button--primary"
          data-testid="dotatate-run"
          disabled={running || !volume.ready || !chosen.available}
          onClick={() => void session.run()}
        >
          {running ? 'Detecting…' : 'Run detection'}
        </button>
        {running && (
          <button type="button" className="dtl-button" data-testid="dotatate-cancel" onClick={() => session.cancel()}>
            Cancel
          </button>
        )}
      </div>
      {running && <ProgressStages stage={run.stage} fraction={run.fraction} />}
      {run.status === 'failed' && !ui.liverDoubt && (
        <Notice tone="error" testId="dotatate-run-error">
          Detection failed: {run.message}
        </Notice>
      )}
      {ui.liverDoubt && (
        // The automatic liver failed its checks: the same "liver from a click" as Re-seed liver.
        <Notice tone="error" testId="dotatate-liver-doubt">
          {ui.liverDoubt.message}{' '}
          <button
            type="button"
            className={liverButtonClass(ui.liverArmed?.kind === 'seed')}
            data-testid="dotatate-liver-doubt-click"
            disabled={running}
            title="Click once inside the liver on the PET: the liver grows from there and detection runs again (the brush under Edit liver works too)"
            onClick={() => (ui.liverArmed?.kind === 'seed' ? session.disarmLiverClick() : session.armLiverSeed())}
          >
            {ui.liverArmed?.kind === 'seed' ? 'Click the liver on the PET…' : 'Click in the liver'}
          </button>
        </Notice>
      )}
      {run.status === 'done' && ui.timings && (
        <p className="dtl-hint" data-testid="dotatate-run-summary">
          {counted(run.summary.detected, 'candidate')} in {seconds(ui.timings.toResultMs)} (worker {seconds(ui.timings.workerMs)}); overlay
          drawn after {seconds(ui.timings.toOverlayMs)}.
        </p>
      )}
      {ui.warnings.map((warning) => (
        <Notice key={warning} tone="warning" testId="dotatate-run-warning">
          {warning}
        </Notice>
      ))}
      {ui.message && (
        <Notice tone="warning" testId="dotatate-session-message">
          {ui.message}
        </Notice>
      )}
    </PanelSection>
  );
}
