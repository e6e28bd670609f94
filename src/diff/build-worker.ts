/**
 * A worker thread that builds one version of a workspace, so that `journey diff` parses the
 * base and the head at the same time on two cores. Receives `VersionFiles`, answers a
 * `BuiltVersion` (plain JSON) or `{ error }`.
 */
import '../polyfills.js';
import { parentPort } from 'node:worker_threads';
import { buildVersion, type VersionFiles } from './diff-sources.js';

parentPort!.on('message', async (message: { files: VersionFiles; side: 'base' | 'head' }) => {
    try {
        parentPort!.postMessage({ built: await buildVersion(message.files, message.side) });
    } catch (error) {
        parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
});
