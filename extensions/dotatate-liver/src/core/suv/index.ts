export { computeSuvbwFactors } from './computeSuvbwFactors';
export type { SuvConversion } from './computeSuvbwFactors';
export { instanceMetadataFromDataset } from './instanceMetadataFromDataset';
export type { NaturalizedDataset } from './instanceMetadataFromDataset';
export { radiopharmaceuticalFromDataset, tracerCaution, isSstrLigandName, readableCodeMeaning } from './radiopharmaceutical';
export type { Radiopharmaceutical } from './radiopharmaceutical';
