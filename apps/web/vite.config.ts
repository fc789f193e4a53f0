import { defineConfig } from 'vite';
import { apiProxy, runtimeConfigPlugin } from './devProxy.ts';

// Preact's JSX runtime through the built-in transform (no Babel preset needed); the dev and preview servers
// stand in for the edge: /api proxied to the local cloud's service APIs, /config.json from its endpoints.
export default defineConfig({
  plugins: [runtimeConfigPlugin()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  server: { port: Number(process.env.WEB_PORT ?? 5173), strictPort: false, proxy: apiProxy() },
  preview: { port: Number(process.env.WEB_PORT ?? 4173), strictPort: false, proxy: apiProxy() },
  build: { target: 'es2022', sourcemap: true, assetsInlineLimit: 0 },
});
