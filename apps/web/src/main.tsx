import { render } from 'preact';
import { Root } from './app/App';
import { loadConfig } from './config';
import './styles.css';

const mount = document.getElementById('app') as HTMLElement;

async function start() {
  const config = await loadConfig();
  let signInError: unknown;
  if (location.pathname === config.auth.redirectPath) {
    try {
      const { completeSignIn } = await import('./auth/oidc');
      const returnTo = await completeSignIn(config, new URL(location.href));
      history.replaceState(null, '', returnTo);
    } catch (error) {
      signInError = error;
      history.replaceState(null, '', '/');
    }
  }
  render(<Root config={config} signInError={signInError} />, mount);
}

start().catch((error: Error) => {
  mount.innerHTML = '';
  const main = document.createElement('main');
  main.className = 'fatal';
  const heading = document.createElement('h1');
  heading.textContent = 'Spendwise could not start';
  const detail = document.createElement('p');
  detail.textContent = error.message;
  main.append(heading, detail);
  mount.append(main);
});
