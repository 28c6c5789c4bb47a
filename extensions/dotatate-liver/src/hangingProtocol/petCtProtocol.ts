import { MOST_IMAGES_OF_MODALITY } from './customAttributes';
import { CT_SELECTOR, PET_SELECTOR, ctAxial, fusionAxial, petAxial, petMip } from './viewports';

function seriesRules(modality: 'PT' | 'CT') {
  return [
    { attribute: 'Modality', constraint: { equals: { value: modality } }, required: true },
    { attribute: 'isReconstructable', constraint: { equals: { value: true } }, required: true },
    // Prefer the longest series of the modality (whole-body reconstruction over scouts / partials).
    { attribute: MOST_IMAGES_OF_MODALITY, constraint: { equals: { value: true } }, weight: 4 },
  ];
}

/**
 * PET/CT protocol. Stage "PET/CT 2x2" (PET, CT, fused PET over CT, PET MIP) is enabled when both
 * selectors match; stage "PET only" (PET and PET MIP) when only the PET does. OHIF's hanging
 * protocol service starts on the first enabled stage, so a PET-only study opens the PET-only stage.
 */
export function createPetCtProtocol(protocolId: string) {
  return {
    id: protocolId,
    name: 'DOTATATE PET/CT',
    locked: true,
    createdDate: '2025-01-01T00:00:00.000Z',
    modifiedDate: '2025-01-01T00:00:00.000Z',
    availableTo: {},
    editableBy: {},
    imageLoadStrategy: 'interleaveTopToBottom',
    numberOfPriorsReferenced: -1,
    protocolMatchingRules: [{ attribute: 'ModalitiesInStudy', constraint: { contains: 'PT' }, required: true }],
    displaySetSelectors: {
      [PET_SELECTOR]: { seriesMatchingRules: seriesRules('PT') },
      [CT_SELECTOR]: { seriesMatchingRules: seriesRules('CT') },
    },
    stages: [
      {
        id: 'pet-ct-2x2',
        name: 'PET/CT 2x2',
        stageActivation: { enabled: { displaySetSelectorsMatched: [PET_SELECTOR, CT_SELECTOR] } },
        viewportStructure: { layoutType: 'grid', properties: { rows: 2, columns: 2 } },
        viewports: [petAxial, ctAxial, fusionAxial, petMip],
      },
      {
        id: 'pet-only',
        name: 'PET only',
        stageActivation: { enabled: { displaySetSelectorsMatched: [PET_SELECTOR] } },
        viewportStructure: { layoutType: 'grid', properties: { rows: 1, columns: 2 } },
        viewports: [petAxial, petMip],
      },
    ],
  };
}
