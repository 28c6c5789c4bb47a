/**
 * Reads OHIF's viewport grid state into plain records: which display sets each viewport shows
 * and whether it is a MIP (a MIP is not re-centred and gets no labelmap overlay).
 */
export interface GridViewportInfo {
  viewportId: string;
  displaySetInstanceUIDs: string[];
  isMip: boolean;
}

interface GridViewportEntry {
  viewportId?: string;
  displaySetInstanceUIDs?: string[];
  viewportOptions?: { viewportType?: string; toolGroupId?: string };
  displaySetOptions?: Array<{ options?: { blendMode?: string } } | undefined>;
}

export function collectViewports(state: { viewports?: Map<string, GridViewportEntry> | Record<string, GridViewportEntry> }): GridViewportInfo[] {
  const viewports = state.viewports;
  if (!viewports) return [];
  const entries: [string, GridViewportEntry][] = viewports instanceof Map ? [...viewports.entries()] : Object.entries(viewports);
  return entries.map(([key, viewport]) => ({
    viewportId: viewport.viewportId ?? key,
    displaySetInstanceUIDs: [...(viewport.displaySetInstanceUIDs ?? [])],
    isMip:
      viewport.viewportOptions?.viewportType === 'volume3d' ||
      (viewport.displaySetOptions ?? []).some((option) => String(option?.options?.blendMode ?? '').toUpperCase() === 'MIP'),
  }));
}
