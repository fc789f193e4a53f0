export { type LocalSecret, resolveSecretReference, SecretStore } from './secretStore';
