// Mocha entry point loaded by VS Code's extension host (`--extensionTestsPath`).
import * as mochaModule from 'mocha';
import { extensionSuite } from './journey-extension.js';

// Mocha is CommonJS; depending on the loader its constructor is the module, `.default` or `.Mocha`.
type MochaClass = typeof import('mocha');
const loaded = mochaModule as unknown as { default?: MochaClass; Mocha?: MochaClass };
const Mocha: MochaClass = typeof loaded === 'function' ? (loaded as MochaClass) : (loaded.Mocha ?? loaded.default!);

export function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true });
    mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
    extensionSuite();
    return new Promise((resolve, reject) => {
        mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
    });
}
