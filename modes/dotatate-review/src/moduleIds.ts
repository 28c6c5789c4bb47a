/**
 * Module ids the mode refers to, in OHIF's `<extension id>.<module type>.<name>` form. The OHIF ids
 * were checked against the published @ohif/app 3.13.2; ours follow the extension's package name.
 */
export const EXTENSION_ID = 'ohif-extension-dotatate-liver';

export const ohif = {
  layout: '@ohif/extension-default.layoutTemplateModule.viewerLayout',
  sopClassHandler: '@ohif/extension-default.sopClassHandlerModule.stack',
  studyBrowser: '@ohif/extension-default.panelModule.seriesList',
} as const;

export const cornerstone = {
  viewport: '@ohif/extension-cornerstone.viewportModule.cornerstone',
  segmentationPanel: '@ohif/extension-cornerstone.panelModule.panelSegmentation',
  toolsUtility: '@ohif/extension-cornerstone.utilityModule.tools',
} as const;

export const dicomSeg = {
  sopClassHandler: '@ohif/extension-cornerstone-dicom-seg.sopClassHandlerModule.dicom-seg',
  viewport: '@ohif/extension-cornerstone-dicom-seg.viewportModule.dicom-seg',
} as const;

export const dicomSr = {
  sopClassHandler: '@ohif/extension-cornerstone-dicom-sr.sopClassHandlerModule.dicom-sr',
  sopClassHandler3D: '@ohif/extension-cornerstone-dicom-sr.sopClassHandlerModule.dicom-sr-3d',
  viewport: '@ohif/extension-cornerstone-dicom-sr.viewportModule.dicom-sr',
  toolsUtility: '@ohif/extension-cornerstone-dicom-sr.utilityModule.tools',
} as const;

export const dotatateLiver = {
  panel: `${EXTENSION_ID}.panelModule.detectHepaticLesions`,
  hangingProtocol: `${EXTENSION_ID}.hangingProtocolModule.petCt`,
} as const;

/** Tool groups the extension's hanging protocol assigns ('mpr' is OHIF's volume tool group). */
export const toolGroupIds = {
  stack: 'default',
  volume: 'mpr',
  mip: 'dotatateLiverMip',
  /** Not used by our protocol, but OHIF's default toolbar addresses it; it must exist. */
  volume3d: 'volume3d',
  structuredReport: 'SRToolGroup',
} as const;
