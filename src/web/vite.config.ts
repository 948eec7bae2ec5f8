import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react()],
  // The same CSV parser as the server, in its browser build (no Node Buffer).
  resolve: { alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' } },
  build: { outDir: path.resolve(here, '../../dist/web'), emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
