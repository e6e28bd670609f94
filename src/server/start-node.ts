// Entry point of the bundled language server (dist/server.cjs) and of `node out/server/start-node.js --stdio`.
import '../polyfills.js';
import { startNodeServer } from './main-node.js';

startNodeServer();
