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
export { replaceStatusReducer } from './reducer.js';
