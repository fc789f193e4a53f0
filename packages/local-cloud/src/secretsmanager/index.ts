export { SecretsManagerApi } from './api';
export { SecretProvider } from './provider';
export {
  CURRENT,
  type PasswordOptions,
  PENDING,
  PREVIOUS,
  randomPassword,
  type SecretRecord,
  SecretStoreEngine,
  type SecretVersion,
} from './secretStore';
