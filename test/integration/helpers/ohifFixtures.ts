/**
 * Display set and study fixtures in the shape OHIF's DisplaySetService and DicomMetadataStore
 * produce (naturalized DICOM attribute names), for a PET/CT study, a PET-only and a CT-only one.
 */
export interface DisplaySetFixture {
  displaySetInstanceUID: string;
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SeriesNumber: number;
  SeriesDescription: string;
  Modality: string;
  numImageFrames: number;
  isReconstructable: boolean;
  instances: Record<string, unknown>[];
}

const petInstance = {
  Modality: 'PT',
  SeriesDescription: 'PET WB DOTATATE AC',
  Units: 'BQML',
  CorrectedImage: ['DECY', 'ATTN', 'SCAT'],
  DecayCorrection: 'START',
  PatientWeight: 72,
  SeriesDate: '20240301',
  SeriesTime: '101500',
  AcquisitionDate: '20240301',
  AcquisitionTime: '101500',
  RadiopharmaceuticalInformationSequence: [
    {
      Radiopharmaceutical: 'Ga-68 DOTATATE',
      RadionuclideTotalDose: 150000000,
      RadionuclideHalfLife: 4062.6,
      RadiopharmaceuticalStartTime: '091500',
    },
  ],
};

function displaySet(
  studyUid: string,
  seriesNumber: number,
  modality: string,
  description: string,
  frames: number,
  instance: Record<string, unknown>,
): DisplaySetFixture {
  return {
    displaySetInstanceUID: `${studyUid}-ds-${seriesNumber}`,
    StudyInstanceUID: studyUid,
    SeriesInstanceUID: `${studyUid}.${seriesNumber}`,
    SeriesNumber: seriesNumber,
    SeriesDescription: description,
    Modality: modality,
    numImageFrames: frames,
    isReconstructable: true,
    instances: [instance],
  };
}

export function petCtStudy() {
  const uid = '1.2.826.0.1.3680043.10.1.1';
  const displaySets = [
    displaySet(uid, 1, 'CT', 'CT topogram', 1, { Modality: 'CT' }),
    displaySet(uid, 2, 'CT', 'CT WB 3mm', 220, { Modality: 'CT' }),
    displaySet(uid, 3, 'PT', 'PET WB DOTATATE AC', 220, petInstance),
    displaySet(uid, 4, 'PT', 'PET liver bed only', 40, petInstance),
  ];
  return { study: { StudyInstanceUID: uid, ModalitiesInStudy: ['CT', 'PT'] }, displaySets };
}

export function petOnlyStudy() {
  const uid = '1.2.826.0.1.3680043.10.1.2';
  const displaySets = [displaySet(uid, 1, 'PT', 'PET WB DOTATATE AC', 200, petInstance)];
  return { study: { StudyInstanceUID: uid, ModalitiesInStudy: ['PT'] }, displaySets };
}

export function ctOnlyStudy() {
  const uid = '1.2.826.0.1.3680043.10.1.3';
  const displaySets = [displaySet(uid, 1, 'CT', 'CT abdomen', 120, { Modality: 'CT' })];
  return { study: { StudyInstanceUID: uid, ModalitiesInStudy: ['CT'] }, displaySets };
}

/** A stand-in for OHIF's own 'default' protocol, which the engine falls back to when nothing matches. */
export const defaultProtocol = {
  id: 'default',
  name: 'Default',
  protocolMatchingRules: [],
  displaySetSelectors: {
    defaultDisplaySetId: { seriesMatchingRules: [{ attribute: 'numImageFrames', constraint: { greaterThan: { value: 0 } } }] },
  },
  stages: [
    {
      id: 'default-1x1',
      name: 'default',
      viewportStructure: { layoutType: 'grid', properties: { rows: 1, columns: 1 } },
      viewports: [{ viewportOptions: { viewportId: 'default', toolGroupId: 'default' }, displaySets: [{ id: 'defaultDisplaySetId' }] }],
    },
  ],
};

/**
 * Modules that the OHIF 3.13.2 extensions provide under the names the mode refers to, as OHIF's own
 * basic mode at 3.13.2 refers to them. Registered as stand-in extensions so every id can resolve.
 */
export const ohifHostExtensions = [
  {
    id: '@ohif/extension-default',
    getLayoutTemplateModule: () => [{ name: 'viewerLayout', id: 'viewerLayout', component: () => null }],
    getSopClassHandlerModule: () => [{ name: 'stack', sopClassUids: [], getDisplaySetsFromSeries: () => [] }],
    getPanelModule: () => [{ name: 'seriesList', component: () => null }],
  },
  {
    id: '@ohif/extension-cornerstone',
    getViewportModule: () => [{ name: 'cornerstone', component: () => null }],
    getPanelModule: () => [{ name: 'panelSegmentation', component: () => null }],
    getUtilityModule: () => [
      {
        name: 'tools',
        exports: {
          toolNames: Object.fromEntries(
            ['WindowLevel', 'Pan', 'Zoom', 'StackScroll', 'Length', 'Bidirectional', 'EllipticalROI', 'CircleROI', 'RectangleROI', 'Probe', 'Crosshairs', 'VolumeRotate', 'MipJumpToClick', 'TrackballRotateTool'].map(
              name => [name, `${name}Tool`],
            ),
          ),
          Enums: { MouseBindings: { Primary: 1, Secondary: 2, Auxiliary: 4, Wheel: 524288 } },
        },
      },
    ],
  },
  {
    id: '@ohif/extension-cornerstone-dicom-seg',
    getSopClassHandlerModule: () => [{ name: 'dicom-seg', sopClassUids: [], getDisplaySetsFromSeries: () => [] }],
    getViewportModule: () => [{ name: 'dicom-seg', component: () => null }],
  },
  {
    id: '@ohif/extension-cornerstone-dicom-sr',
    getSopClassHandlerModule: () => [
      { name: 'dicom-sr', sopClassUids: [], getDisplaySetsFromSeries: () => [] },
      { name: 'dicom-sr-3d', sopClassUids: [], getDisplaySetsFromSeries: () => [] },
    ],
    getViewportModule: () => [{ name: 'dicom-sr', component: () => null }],
    getUtilityModule: () => [
      { name: 'tools', exports: { toolNames: { SRLength: 'SRLength', DICOMSRDisplay: 'DICOMSRDisplay' } } },
    ],
  },
];
