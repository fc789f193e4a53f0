import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from '../api';
import type { RuntimeConfig } from '../config';

export interface AppContext {
  config: RuntimeConfig;
  api: Api;
  user: string;
  /** Says something in the polite live region (results of actions, loaded pages). */
  announce: (message: string) => void;
  /** The inbox's unread count, shown in the navigation; pages that change it refresh it. */
  unread: number;
  refreshUnread: () => void;
}

export const App = createContext<AppContext | undefined>(undefined);

export function useApp(): AppContext {
  const app = useContext(App);
  if (!app) throw new Error('useApp outside the app');
  return app;
}
