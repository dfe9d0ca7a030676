import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const root = fileURLToPath(new URL(".", import.meta.url));

// The site: participant forms at /f#<token> (old links /f/<token> too), owner pages under /owner (lazy), dev outbox at /outbox.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // .vite/manifest.json lets tests and the budget check find what each route loads.
    manifest: true,
    target: "es2022",
    // Every browser we support has modulepreload; the polyfill would cost the participant route.
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000" },
    // The shared/ folder sits beside web/.
    fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] },
  },
  preview: {
    port: 4173,
    proxy: { "/api": "http://localhost:3000" },
  },
});
