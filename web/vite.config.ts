import { defineConfig } from 'vitest/config';

// `npm run dev` proxies the API to a running `streams serve` (STREAMS_API, default :8050).
const api = process.env.STREAMS_API ?? 'http://127.0.0.1:8050';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      output: {
        manualChunks: { charts: ['lightweight-charts'] },
      },
    },
  },
  server: {
    proxy: { '/api': api },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
