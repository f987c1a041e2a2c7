import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development Vite serves the console and forwards the API's paths to it
// (`pnpm start` in another terminal); in production the API serves dist/ itself.
const api = process.env.TENANTRY_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/v1': { target: api, changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
