import type { EditTool } from '../adapter/reviewSession';
import { BrushToolButtons } from './BrushToolButtons';

/**
 * Shown while a candidate's boundary is being painted: which lesion, brush or eraser on the left
 * mouse button, and Done (which reads the last stroke back and gives the earlier tool back).
 */
export function EditBar({ candidateId, tool, onTool, onDone }: { candidateId: number; tool: EditTool; onTool: (tool: EditTool) => void; onDone: () => void }) {
  return (
    <div className="dtl-editbar" role="group" aria-label={`Editing lesion ${candidateId}`} data-testid="dotatate-edit-bar">
      <span className="dtl-editbar__label" data-testid="dotatate-edit-label">
        ✎ Lesion {candidateId}
      </span>
      <BrushToolButtons tool={tool} onTool={onTool} testIdPrefix="dotatate-edit" target="this lesion" />
      <button type="button" className="dtl-button dtl-button--small dtl-button--primary" data-testid="dotatate-edit-done" title="Finish the edit" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
