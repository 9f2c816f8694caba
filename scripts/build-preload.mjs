// Bundles the preload to one CommonJS file: sandboxed preloads cannot load ES modules or other files.
import { build } from 'vite';

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    minify: false,
    lib: { entry: 'src/preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
