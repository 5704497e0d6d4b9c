/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// The dev server proxies /api to the API (`make dev`, PORT 5000 unless OPTIO_API says otherwise),
// so the app and the API share an origin and the httpOnly cookies just work.
const api = process.env.OPTIO_API ?? "http://127.0.0.1:5000";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // /.well-known holds the credential issuer's DID document, which the verify page reads.
  server: {
    port: 5173,
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/.well-known": { target: api, changeOrigin: false },
    },
  },
  // Each page is a chunk of its own (src/pages.ts); the manifest feeds the first-load size check
  // (scripts/bundle-size.mjs). api-docs.html is the API's docs page (/api/docs), a second entry.
  build: {
    sourcemap: true,
    manifest: true,
    chunkSizeWarningLimit: 1600,
    rollupOptions: { input: { main: "index.html", apiDocs: "api-docs.html" } },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test-setup.ts"],
  },
});
