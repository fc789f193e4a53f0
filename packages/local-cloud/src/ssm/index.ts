export { SsmApi } from './api';
export {
  type ParameterRecord,
  ParameterStoreEngine,
  type ParameterType,
  type PutParameterInput,
} from './parameterStore';
export { SsmParameterProvider } from './provider';
