import { cornerstone, dicomSr, toolGroupIds } from './moduleIds';

/** The structural part of OHIF's services used to create tool groups. */
export interface ToolGroupServiceLike {
  createToolGroupAndAddTools: (toolGroupId: string, tools: ToolGroupTools) => unknown;
}
interface ExtensionManagerLike {
  getModuleEntry: (moduleId: string) => unknown;
}
interface ToolBinding {
  mouseButton?: number;
  numTouchPoints?: number;
}
interface ToolEntry {
  toolName: string;
  /** A configured instance of another tool (OHIF adds it with toolGroup.addToolInstance). */
  parentTool?: string;
  bindings?: ToolBinding[];
  configuration?: Record<string, unknown>;
}
export interface ToolGroupTools {
  active?: ToolEntry[];
  passive?: ToolEntry[];
  enabled?: ToolEntry[];
  disabled?: ToolEntry[];
}
interface ToolsUtility {
  exports: {
    toolNames: Record<string, string>;
    Enums: { MouseBindings: Record<string, number> };
  };
}

function toolsUtility(extensionManager: ExtensionManagerLike, moduleId: string): ToolsUtility | undefined {
  const entry = extensionManager.getModuleEntry(moduleId) as ToolsUtility | undefined;
  return entry?.exports?.toolNames ? entry : undefined;
}

/** Window/level on the left button, pan middle, zoom right, scroll on the wheel: OHIF's defaults. */
function navigationTools(toolNames: Record<string, string>, mouse: Record<string, number>): ToolEntry[] {
  return [
    { toolName: toolNames.WindowLevel, bindings: [{ mouseButton: mouse.Primary }] },
    { toolName: toolNames.Pan, bindings: [{ mouseButton: mouse.Auxiliary }] },
    { toolName: toolNames.Zoom, bindings: [{ mouseButton: mouse.Secondary }, { numTouchPoints: 2 }] },
    { toolName: toolNames.StackScroll, bindings: [{ mouseButton: mouse.Wheel }, { numTouchPoints: 3 }] },
  ];
}

/**
 * The brush and eraser the review's "Edit" switches on to repaint a candidate's boundary, as in
 * OHIF's segmentation mode (instances of cornerstone's BrushTool). Radius in mm: a little over one
 * PET voxel, fine enough for small liver lesions.
 */
export const BRUSH_TOOLS: ToolEntry[] = [
  { toolName: 'CircularBrush', parentTool: 'Brush', configuration: { activeStrategy: 'FILL_INSIDE_CIRCLE', brushSize: 5, minRadius: 0.5, maxRadius: 99.5 } },
  { toolName: 'CircularEraser', parentTool: 'Brush', configuration: { activeStrategy: 'ERASE_INSIDE_CIRCLE', brushSize: 5, minRadius: 0.5, maxRadius: 99.5 } },
];

function measurementTools(toolNames: Record<string, string>): ToolEntry[] {
  return ['Length', 'Bidirectional', 'EllipticalROI', 'CircleROI', 'RectangleROI', 'Probe']
    .filter(name => toolNames[name])
    .map(name => ({ toolName: toolNames[name] }));
}

/**
 * Creates the tool groups this mode's viewports use, a smaller version of OHIF's basic mode:
 * 'default' (stack, SEG), 'mpr' (PET, CT and fused volume viewports, with crosshairs), the SR
 * group, 'volume3d' (which OHIF's default toolbar addresses) and the PET MIP group (rotate on the
 * wheel, click to jump to the hottest voxel).
 * Returns the ids created.
 */
export function initToolGroups(extensionManager: ExtensionManagerLike, toolGroupService: ToolGroupServiceLike): string[] {
  const utility = toolsUtility(extensionManager, cornerstone.toolsUtility);
  if (!utility) {
    throw new Error(
      `DOTATATE liver review needs ${cornerstone.toolsUtility} (OHIF's cornerstone extension); it is not registered.`,
    );
  }
  const { toolNames, Enums } = utility.exports;
  const mouse = Enums.MouseBindings;
  const created: string[] = [];
  const create = (toolGroupId: string, tools: ToolGroupTools) => {
    toolGroupService.createToolGroupAndAddTools(toolGroupId, tools);
    created.push(toolGroupId);
  };

  create(toolGroupIds.stack, { active: navigationTools(toolNames, mouse), passive: measurementTools(toolNames) });
  create(toolGroupIds.volume, {
    active: navigationTools(toolNames, mouse),
    passive: [...measurementTools(toolNames), ...BRUSH_TOOLS],
    disabled: [{ toolName: toolNames.Crosshairs, configuration: { viewportIndicators: true, autoPan: { enabled: false } } }],
  });
  create(toolGroupIds.mip, {
    active: [
      { toolName: toolNames.VolumeRotate, bindings: [{ mouseButton: mouse.Wheel }], configuration: { rotateIncrementDegrees: 5 } },
      {
        toolName: toolNames.MipJumpToClick,
        bindings: [{ mouseButton: mouse.Primary }],
        // A click on the MIP moves the PET, CT and fused viewports to the hottest voxel under it.
        configuration: { toolGroupId: toolGroupIds.volume },
      },
      { toolName: toolNames.Pan, bindings: [{ mouseButton: mouse.Auxiliary }] },
      { toolName: toolNames.Zoom, bindings: [{ mouseButton: mouse.Secondary }] },
    ],
  });

  create(toolGroupIds.volume3d, {
    active: [
      { toolName: toolNames.TrackballRotateTool, bindings: [{ mouseButton: mouse.Primary }] },
      { toolName: toolNames.Zoom, bindings: [{ mouseButton: mouse.Secondary }, { numTouchPoints: 2 }] },
      { toolName: toolNames.Pan, bindings: [{ mouseButton: mouse.Auxiliary }, { numTouchPoints: 3 }] },
    ],
  });

  const srUtility = toolsUtility(extensionManager, dicomSr.toolsUtility);
  if (srUtility) {
    const srNames = srUtility.exports.toolNames;
    create(toolGroupIds.structuredReport, {
      active: navigationTools(toolNames, mouse),
      passive: ['SRLength', 'SRBidirectional', 'SREllipticalROI', 'SRCircleROI', 'SRRectangleROI']
        .filter(name => srNames[name])
        .map(name => ({ toolName: srNames[name] })),
      enabled: srNames.DICOMSRDisplay ? [{ toolName: srNames.DICOMSRDisplay }] : [],
    });
  }
  return created;
}
