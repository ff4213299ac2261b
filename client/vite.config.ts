/**
 * The 3D client's build (`vite build client`: root client/, output client/dist, served by server/main.ts). In development
 * (`npx vite client`) Socket.IO is proxied to the server on :3000 so the page can stay same-origin.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // three alone is ~150 KB gzipped; the budget is for the main bundle (500 KB gzip), checked in bench/render.ts.
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/socket.io': { target: 'http://localhost:3000', ws: true }, '/api': 'http://localhost:3000' },
  },
});
