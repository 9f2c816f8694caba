import { defineConfig } from 'vite';

/**
 * The renderer bundle. Relative `base` so the same build loads under the
 * Electron custom protocol and under the web bridge (`kingjam serve`).
 * JSX goes through Vite's own esbuild transform (no React plugin needed).
 */
export default defineConfig({
  root: 'src/renderer',
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Everything stays a file: the CSP allows no data: scripts or inline styles.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
