// Entry point of the language server's web worker (dist/web/server.js, bundled by esbuild.mjs).
import '../polyfills.js';
import { startBrowserServer } from './main-browser.js';

startBrowserServer(globalThis as unknown as Parameters<typeof startBrowserServer>[0]);
