import type { ReactNode } from 'react';
import type { PetUnits } from '../core/types';
import { sliceCount } from '../state/reviewSelectors';
import type { ReviewCandidate, SortDirection, SortKey } from '../state/reviewTypes';
import { REJECTION_REASON_LABELS } from '../state/reviewTypes';
import { formatScore, formatSuv, formatVolumeMl } from './numberFormat';

/**
 * The compact candidate list, sized for OHIF's right panel at its default width (about 280 px):
 * fixed column widths, numbers at a precision that fits, a glyph for the state and three small
 * action buttons; anything longer is cut with an ellipsis and given in full as a tooltip.
 */
interface Column {
  key: SortKey;
  label: string;
  title: string;
  value: (candidate: ReviewCandidate) => string;
  full: (candidate: ReviewCandidate) => string;
}

/** The uptake columns name SUV only when the PET is in SUVbw; otherwise they say "relative units". */
function candidateColumns(units: PetUnits): readonly Column[] {
  const [max, peak] = units === 'SUVbw' ? ['SUVmax', 'SUVpeak'] : ['Max (relative units, not SUV)', 'Peak (relative units, not SUV)'];
  return [
    { key: 'id', label: '#', title: 'Lesion id', value: (c) => String(c.id), full: (c) => `Lesion ${c.id}` },
    { key: 'suvMax', label: 'Max', title: `${max}: highest voxel value`, value: (c) => formatSuv(c.statistics.suvMax), full: (c) => `${max} ${c.statistics.suvMax.toFixed(2)}` },
    { key: 'suvPeak', label: 'Peak', title: `${peak}: PERCIST, highest 1 cm³ sphere mean`, value: (c) => formatSuv(c.statistics.suvPeak), full: (c) => `${peak} ${c.statistics.suvPeak.toFixed(2)}` },
    { key: 'volume', label: 'ml', title: 'Volume (ml)', value: (c) => formatVolumeMl(c.statistics.volumeMl), full: (c) => `${c.statistics.volumeMl.toFixed(3)} ml, ${c.statistics.voxels} voxels` },
    { key: 'slices', label: 'Sl', title: 'Axial slices spanned', value: (c) => String(sliceCount(c)), full: (c) => `${sliceCount(c)} axial slices` },
    { key: 'score', label: 'Sc', title: 'Detector score (0–1)', value: (c) => formatScore(c.statistics.score), full: (c) => `Score ${c.statistics.score.toFixed(3)}` },
  ];
}

export const CANDIDATE_COLUMNS: Readonly<Record<PetUnits, readonly Column[]>> = { SUVbw: candidateColumns('SUVbw'), relative: candidateColumns('relative') };

/** The state as one glyph; its colour comes from the row's state class. */
const STATE_GLYPH: Record<ReviewCandidate['decision']['kind'], string> = { pending: '●', accepted: '✓', rejected: '⊘', added: '+' };

/** The decision in words, e.g. "rejected: physiologic uptake, edited". */
export function decisionText(candidate: ReviewCandidate): string {
  const decision = candidate.decision;
  const words =
    decision.kind === 'rejected'
      ? `rejected: ${decision.reason === 'other' ? decision.note : REJECTION_REASON_LABELS[decision.reason].toLowerCase()}`
      : decision.kind === 'added'
        ? 'added by the reader'
        : decision.kind;
  return candidate.edited ? `${words}, boundary edited` : words;
}

export interface CandidateTableProps {
  candidates: readonly ReviewCandidate[];
  /** The units of the PET the statistics were measured on. */
  units: PetUnits;
  sort: { key: SortKey; direction: SortDirection };
  selectedId: number | null;
  rejectingId: number | null;
  editingId: number | null;
  onSort: (key: SortKey) => void;
  onSelect: (id: number) => void;
  onAccept: (id: number) => void;
  /** Opens (or, with null, closes) the reject-reason chooser of a candidate. */
  onRejecting: (id: number | null) => void;
  onEdit: (id: number) => void;
  onRemove: (id: number) => void;
  /** The reason chooser shown under a candidate's row while it is open. */
  renderRejectChooser: (candidate: ReviewCandidate) => ReactNode;
}

export function CandidateTable(props: CandidateTableProps) {
  const { candidates, sort } = props;
  return (
    <div className="dtl-table-wrap">
      <table className="dtl-table" data-testid="dotatate-candidate-list">
        <colgroup>
          <col className="dtl-col--id" />
          <col className="dtl-col--suv" />
          <col className="dtl-col--suv" />
          <col className="dtl-col--volume" />
          <col className="dtl-col--slices" />
          <col className="dtl-col--score" />
          <col className="dtl-col--state" />
          <col className="dtl-col--actions" />
        </colgroup>
        <thead>
          <tr>
            {CANDIDATE_COLUMNS[props.units].map((column) => {
              const sorted = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  title={column.title}
                  className={sorted ? 'dtl-th--sorted' : undefined}
                  aria-sort={sorted ? (sort.direction === 'ascending' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="dtl-sort" data-testid={`dotatate-sort-${column.key}`} onClick={() => props.onSort(column.key)}>
                    {column.label}
                    <span className="dtl-sort__indicator" data-testid={sorted ? 'dotatate-sort-indicator' : undefined}>
                      {sorted ? (sort.direction === 'ascending' ? '▴' : '▾') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
            <th title="Decision">
              <span className="dtl-visually-hidden">State</span>
            </th>
            <th>
              <span className="dtl-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((candidate) => (
            <CandidateRow key={candidate.id} candidate={candidate} {...props} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CandidateRow({ candidate, units, selectedId, rejectingId, editingId, onSelect, onAccept, onRejecting, onEdit, onRemove, renderRejectChooser }: CandidateTableProps & { candidate: ReviewCandidate }) {
  const kind = candidate.decision.kind;
  const rejecting = candidate.id === rejectingId;
  const editing = candidate.id === editingId;
  const classes = ['dtl-row', `dtl-row--${kind}`, candidate.id === selectedId ? 'dtl-row--selected' : '', editing ? 'dtl-row--editing' : ''].filter(Boolean).join(' ');
  return (
    <>
      <tr className={classes} data-testid={`dotatate-candidate-${candidate.id}`} data-state={kind} data-edited={candidate.edited ? 'true' : 'false'} aria-selected={candidate.id === selectedId} onClick={() => onSelect(candidate.id)}>
        {CANDIDATE_COLUMNS[units].map((column) => (
          <td key={column.key} title={column.full(candidate)} data-testid={`dotatate-candidate-${candidate.id}-${column.key}`}>
            {column.value(candidate)}
          </td>
        ))}
        <td className="dtl-row__state" title={decisionText(candidate)} data-testid={`dotatate-candidate-${candidate.id}-state`}>
          {STATE_GLYPH[kind]}
          {candidate.edited && <span className="dtl-row__edited" aria-label="edited">✎</span>}
        </td>
        <td className="dtl-row__actions" onClick={(event) => event.stopPropagation()}>
          {kind === 'added' ? (
            <button type="button" className="dtl-icon-button dtl-icon-button--no" title="Remove this added lesion" data-testid={`dotatate-remove-${candidate.id}`} onClick={() => onRemove(candidate.id)}>
              ✕
            </button>
          ) : (
            <>
              <button type="button" className="dtl-icon-button dtl-icon-button--ok" title="Accept (Shift+A)" data-testid={`dotatate-accept-${candidate.id}`} onClick={() => onAccept(candidate.id)}>
                ✓
              </button>
              <button type="button" className="dtl-icon-button dtl-icon-button--no" title="Reject with a reason (Shift+R)" data-testid={`dotatate-reject-${candidate.id}`} onClick={() => onRejecting(rejecting ? null : candidate.id)}>
                ✕
              </button>
            </>
          )}
          <button
            type="button"
            className={editing ? 'dtl-icon-button dtl-icon-button--active' : 'dtl-icon-button'}
            title={editing ? 'Editing: paint on the PET, then Done' : 'Edit the boundary with the brush'}
            data-testid={`dotatate-edit-${candidate.id}`}
            aria-pressed={editing}
            onClick={() => onEdit(candidate.id)}
          >
            ✎
          </button>
        </td>
      </tr>
      {rejecting && (
        <tr className="dtl-row dtl-row--chooser">
          <td colSpan={CANDIDATE_COLUMNS[units].length + 2}>{renderRejectChooser(candidate)}</td>
        </tr>
      )}
    </>
  );
}
