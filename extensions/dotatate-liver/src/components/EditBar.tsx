import type { EditTool } from '../adapter/reviewSession';

/**
 * Shown while a candidate's boundary is being painted: which lesion, brush or eraser on the left
 * mouse button, and Done (which reads the last stroke back and gives the earlier tool back).
 */
export function EditBar({ candidateId, tool, onTool, onDone }: { candidateId: number; tool: EditTool; onTool: (tool: EditTool) => void; onDone: () => void }) {
  const toolButton = (value: EditTool, label: string, title: string) => (
    <button
      type="button"
      className={tool === value ? 'dtl-button dtl-button--small dtl-button--primary' : 'dtl-button dtl-button--small'}
      aria-pressed={tool === value}
      data-testid={`dotatate-edit-${value}`}
      title={title}
      onClick={() => onTool(value)}
    >
      {label}
    </button>
  );
  return (
    <div className="dtl-editbar" role="group" aria-label={`Editing lesion ${candidateId}`} data-testid="dotatate-edit-bar">
      <span className="dtl-editbar__label" data-testid="dotatate-edit-label">
        ✎ Lesion {candidateId}
      </span>
      {toolButton('brush', 'Brush', 'Paint voxels into this lesion (left button on the PET)')}
      {toolButton('eraser', 'Eraser', 'Remove voxels from this lesion (left button on the PET)')}
      <button type="button" className="dtl-button dtl-button--small dtl-button--primary" data-testid="dotatate-edit-done" title="Finish the edit" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
