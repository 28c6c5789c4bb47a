import { RUN_STAGES, type RunStage } from '../state/reviewTypes';

const STAGE_LABELS: Record<RunStage, string> = {
  volume: 'Volume',
  liver: 'Liver',
  reference: 'Reference',
  inference: 'Inference',
  'post-processing': 'Post-processing',
};

/** The staged progress bar: one bar over the run and the five stages, the current one highlighted. */
export function ProgressStages({ stage, fraction }: { stage: RunStage; fraction: number }) {
  const current = RUN_STAGES.indexOf(stage);
  return (
    <div className="dtl-progress" data-testid="dotatate-progress" data-stage={stage}>
      <div className="dtl-progress__track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="dtl-progress__bar" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <ol className="dtl-progress__stages">
        {RUN_STAGES.map((name, index) => (
          <li
            key={name}
            className={index < current ? 'dtl-stage dtl-stage--done' : index === current ? 'dtl-stage dtl-stage--current' : 'dtl-stage'}
          >
            {STAGE_LABELS[name]}
          </li>
        ))}
      </ol>
    </div>
  );
}
