import { parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';

export const lsp: Command = {
    summary: 'help.lsp.summary',
    usage: 'help.lsp.usage',
    async run(args: string[], _io: CliIo): Promise<number> {
        parseCommandLine(args, { stdio: { type: 'boolean' } }, false);
        const { startNodeServer } = await import('../../server/main-node.js');
        startNodeServer();
        // The server runs until the client closes the connection.
        return new Promise<number>(() => undefined);
    }
};
