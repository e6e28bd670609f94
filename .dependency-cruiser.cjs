// The layers of src/, checked by dependency-cruiser (`npm run check:layers`, run by `npm test`).
// ARCHITECTURE.md explains them. Bottom up; a folder imports only from its own folder and from
// the layers below it, type-only imports included (tsPreCompilationDeps). Folders of one layer
// do not import each other. A new top-level folder of src/ gets a place here (a test checks).
/** @type {{ name: string, folders: string[] }[]} */
const LAYERS = [
    { name: 'language', folders: ['language'] },
    { name: 'node', folders: ['node'] },
    { name: 'engines', folders: ['metrics', 'diff', 'interop'] },
    { name: 'render', folders: ['render'] },
    { name: 'surfaces', folders: ['server', 'webview'] },
    { name: 'hosts', folders: ['extension', 'cli'] }
];

/** Imported by every entry point first; below every layer. */
const SHARED = 'src/polyfills\\.ts$';

const layerRules = LAYERS.flatMap((layer, level) => {
    const below = LAYERS.slice(0, level).flatMap(l => l.folders);
    return layer.folders.map(folder => ({
        name: `layer-${folder}`,
        comment: `src/${folder} (layer ${layer.name}) imports only from itself and the layers below: ${below.join(', ') || 'none'}.`,
        severity: 'error',
        from: { path: `^src/${folder}/` },
        to: { path: '^src/', pathNot: [`^src/(${[folder, ...below].join('|')})/`, `^${SHARED}`] }
    }));
});

/** Node's own modules, and the Node-only entry points of the LSP libraries. */
const NODE_ONLY = ['node_modules/(langium|vscode-languageserver|vscode-jsonrpc|vscode-languageclient)/lib/node/'];

module.exports = {
    forbidden: [
        ...layerRules,
        {
            name: 'language-runs-anywhere',
            comment: 'src/language runs in Node and in a web worker: no Node built-in, no Node-only entry point, no vscode.',
            severity: 'error',
            from: { path: '^src/language/' },
            to: { dependencyTypes: ['core'] }
        },
        {
            name: 'language-without-node-entry-points',
            comment: 'src/language runs in Node and in a web worker: langium/node and vscode-languageserver/node belong to src/server.',
            severity: 'error',
            from: { path: '^src/language/' },
            to: { path: [...NODE_ONLY, '^vscode$', 'node_modules/@types/vscode/'] }
        },
        {
            name: 'render-reads-no-disk',
            comment: 'src/render turns a payload into HTML, SVG and Vega-Lite specs; loading files and computing KPIs is done by its callers (src/cli, src/server).',
            severity: 'error',
            from: { path: '^src/(render|webview)/' },
            to: { path: ['^src/node/', 'node_modules/@duckdb/'], reachable: true }
        },
        {
            name: 'render-no-node-built-ins',
            comment: 'src/render and src/webview also run in the browser (webview, serve, render\'s pages).',
            severity: 'error',
            from: { path: '^src/(render|webview)/' },
            to: { dependencyTypes: ['core'] }
        },
        {
            name: 'thin-extension',
            comment: 'The VS Code extension talks to the language server (src/server/protocol.ts) and shows the webview (src/render): it never builds a workspace. It words its own messages with the catalogues (src/language/i18n), as every surface does.',
            severity: 'error',
            from: { path: '^src/extension/' },
            to: { path: '^src/', pathNot: ['^src/extension/', '^src/render/', '^src/server/protocol\\.ts$', '^src/language/i18n/', `^${SHARED}`] }
        },
        {
            name: 'extension-without-parser',
            comment: 'Nothing the extension imports reaches the parser (Langium, Chevrotain): the language server parses.',
            severity: 'error',
            from: { path: '^src/extension/' },
            to: { path: 'node_modules/(langium|chevrotain|chevrotain-allstar|@chevrotain/[^/]+)/', reachable: true }
        },
        {
            name: 'extension-no-node-built-ins',
            comment: 'The extension reaches files through vscode.workspace.fs or the server, so that a web extension can reuse it.',
            severity: 'error',
            from: { path: '^src/extension/' },
            to: { dependencyTypes: ['core'] }
        },
        {
            name: 'not-to-unresolvable',
            comment: 'An import the checker cannot resolve escapes every rule above.',
            severity: 'error',
            from: { path: '^src/' },
            to: { couldNotResolve: true }
        }
    ],
    options: {
        doNotFollow: { path: 'node_modules' },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: 'tsconfig.json' },
        enhancedResolveOptions: {
            exportsFields: ['exports'],
            conditionNames: ['import', 'require', 'node', 'default', 'types'],
            mainFields: ['module', 'main', 'types', 'typings']
        }
    }
};
// For test/architecture/layers.test.ts (not a dependency-cruiser option, so not enumerable).
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
