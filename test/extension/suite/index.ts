// Mocha entry point loaded by VS Code's extension host (`--extensionTestsPath`).
import Mocha from 'mocha';
import { extensionSuite } from './extension.test.js';

export function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true });
    mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
    extensionSuite();
    return new Promise((resolve, reject) => {
        mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
    });
}
