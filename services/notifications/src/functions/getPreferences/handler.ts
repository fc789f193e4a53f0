import { preferencesStore } from '../../adapters/storesFromEnv';
import { getPreferencesHandler } from './getPreferences';

export const handler = getPreferencesHandler({ findPreferences: preferencesStore.findPreferences });
