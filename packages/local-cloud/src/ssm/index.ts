export { SsmApi } from './api';
export { CrossRegionParametersProvider } from './crossRegionParameters';
export {
  type ParameterRecord,
  ParameterStoreEngine,
  type ParameterType,
  type PutParameterInput,
} from './parameterStore';
export { SsmParameterProvider } from './provider';
