import type { EditTool } from '../adapter/reviewSession';

const TOOLS: readonly { value: EditTool; label: string; verb: string }[] = [
  { value: 'brush', label: 'Brush', verb: 'Paint voxels into' },
  { value: 'eraser', label: 'Eraser', verb: 'Remove voxels from' },
];

/**
 * Brush and eraser toggles of an edit bar: the pressed one is the PET viewports' left-button tool.
 * Test ids are `<testIdPrefix>-brush` and `<testIdPrefix>-eraser`.
 */
export function BrushToolButtons({ tool, onTool, testIdPrefix, target }: { tool: EditTool; onTool: (tool: EditTool) => void; testIdPrefix: string; target: string }) {
  return (
    <>
      {TOOLS.map(({ value, label, verb }) => (
        <button
          key={value}
          type="button"
          className={tool === value ? 'dtl-button dtl-button--small dtl-button--primary' : 'dtl-button dtl-button--small'}
          aria-pressed={tool === value}
          data-testid={`${testIdPrefix}-${value}`}
          title={`${verb} ${target} (left button on the PET)`}
          onClick={() => onTool(value)}
        >
          {label}
        </button>
      ))}
    </>
  );
}
