/**
 * Viewport definitions of the PET/CT hanging protocol, shaped as OHIF's TMTV protocol: volume
 * viewports that share a camera synchronizer on the axial plane, window/level synchronizers per
 * modality, and segmentation hydration across the frame of reference.
 */
import { PET_SUV_VOI } from './customAttributes';

/** Tool group ids the mode creates: 'mpr' is OHIF's volume tool group (the default toolbar drives it). */
export const VOLUME_TOOL_GROUP_ID = 'mpr';
export const MIP_TOOL_GROUP_ID = 'dotatateLiverMip';

export const PET_SELECTOR = 'ptDisplaySet';
export const CT_SELECTOR = 'ctDisplaySet';

const axialCameraSync = { type: 'cameraPosition', id: 'dotatateLiverAxialSync', source: true, target: true };
const hydrateSegSync = {
  type: 'hydrateseg',
  id: 'sameFORId',
  source: true,
  target: true,
  options: { matchingRules: ['sameFOR'] },
};
const ctVoiSync = { type: 'voi', id: 'dotatateLiverCtWLSync', source: true, target: true, options: { syncColormap: true } };
const petVoiSync = { type: 'voi', id: 'dotatateLiverPtWLSync', source: true, target: true, options: { syncColormap: true } };
const petToFusionVoiSync = {
  type: 'voi',
  id: 'dotatateLiverPtFusionWLSync',
  source: true,
  target: false,
  options: { syncColormap: false, syncInvertState: false },
};

export const petAxial = {
  viewportOptions: {
    viewportId: 'dotatatePtAxial',
    viewportType: 'volume',
    orientation: 'axial',
    background: [1, 1, 1],
    toolGroupId: VOLUME_TOOL_GROUP_ID,
    initialImageOptions: { preset: 'middle' },
    syncGroups: [axialCameraSync, petVoiSync, petToFusionVoiSync, hydrateSegSync],
  },
  displaySets: [{ id: PET_SELECTOR, options: { voi: { custom: PET_SUV_VOI }, voiInverted: true } }],
};

export const ctAxial = {
  viewportOptions: {
    viewportId: 'dotatateCtAxial',
    viewportType: 'volume',
    orientation: 'axial',
    toolGroupId: VOLUME_TOOL_GROUP_ID,
    initialImageOptions: { preset: 'middle' },
    syncGroups: [axialCameraSync, ctVoiSync, hydrateSegSync],
  },
  displaySets: [{ id: CT_SELECTOR }],
};

/**
 * PET colour map of the fused view. Zero uptake must be transparent, or the lowest colour of the
 * map (red for hsv) covers the CT; opacity then ramps up as uptake rises, as OHIF's TMTV does.
 */
const FUSION_COLORMAP = {
  name: 'hsv',
  opacity: [
    { value: 0, opacity: 0 },
    { value: 0.1, opacity: 0.8 },
    { value: 1, opacity: 0.9 },
  ],
};

/** PET over CT: CT first (background), PET second with a colour map. */
export const fusionAxial = {
  viewportOptions: {
    viewportId: 'dotatateFusionAxial',
    viewportType: 'volume',
    orientation: 'axial',
    toolGroupId: VOLUME_TOOL_GROUP_ID,
    initialImageOptions: { preset: 'middle' },
    syncGroups: [
      axialCameraSync,
      { ...ctVoiSync, source: false, target: true, options: {} },
      { ...petToFusionVoiSync, source: false, target: true },
      hydrateSegSync,
    ],
  },
  displaySets: [
    { id: CT_SELECTOR },
    { id: PET_SELECTOR, options: { colormap: FUSION_COLORMAP, voi: { custom: PET_SUV_VOI } } },
  ],
};

/** Coronal maximum-intensity projection through the whole PET volume. */
export const petMip = {
  viewportOptions: {
    viewportId: 'dotatatePtMip',
    viewportType: 'volume',
    orientation: 'coronal',
    background: [1, 1, 1],
    toolGroupId: MIP_TOOL_GROUP_ID,
    syncGroups: [petVoiSync, petToFusionVoiSync, hydrateSegSync],
    customViewportProps: { hideOverlays: true },
  },
  displaySets: [
    {
      id: PET_SELECTOR,
      options: { blendMode: 'MIP', slabThickness: 'fullVolume', voi: { custom: PET_SUV_VOI }, voiInverted: true },
    },
  ],
};
