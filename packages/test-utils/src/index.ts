export {
  type ArtifactChunk,
  artifactEvent,
  makeMessage,
  makeTask,
  messageEvent,
  statusEvent,
  type StatusEventOptions,
  type TaskRef,
  uniqueId,
} from './builders.js';
export {
  describeStoreConformance,
  type StoreConformanceOptions,
} from './conformance/describe-store-conformance.js';
export { type StoreFactory } from './conformance/fixture.js';
export {
  mutatedJson,
  mutateJson,
  ODD_JSON_VALUES,
  oddJsonValue,
  pickOf,
  seededRandom,
} from './mutations.js';
export { replaceStatusReducer } from './reducer.js';
