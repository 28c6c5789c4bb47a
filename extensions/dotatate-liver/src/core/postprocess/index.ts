export { binarise } from './binarise';
export { connectedComponents2D } from './connectedComponents2D';
export type { SliceComponent } from './connectedComponents2D';
export { filterComponentsByArea, pixelsForAreaMm2 } from './filterComponentsByArea';
export { linkComponentsAcrossSlices } from './linkComponentsAcrossSlices';
