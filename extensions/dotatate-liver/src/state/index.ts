/**
 * The review's state, outside any component: the review store (candidates, decisions, undo, run
 * lifecycle, sorting, navigation, persistence) and the report workflow. No React, OHIF or DOM here;
 * React reads the stores through useSyncExternalStore(store.subscribe, store.getState).
 */
export * from './store';
export * from './voxelRegion';
export * from './reviewTypes';
export * from './reviewActions';
export * from './reviewState';
export * from './reviewReducer';
export * from './reviewSelectors';
export * from './rerunMerge';
export * from './detectionValidation';
export * from './detectionInput';
export * from './reviewSerialization';
export * from './reviewStore';
export * from './reportTypes';
export * from './reportWorkflow';
