// The language server's incoming messages (issue 15): bursts of edits merged, and a count of
// the messages the connection has not taken yet that never stays stuck (a build waiting on it
// would wait forever). A real vscode-jsonrpc connection on both ends of a pair of streams.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
    CancellationTokenSource, createProtocolConnection, DidChangeTextDocumentNotification, HoverRequest, StreamMessageReader, StreamMessageWriter,
    type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import { coalesceDocumentChanges, IncomingMessages } from '../../src/server/incoming-messages.js';

let connections: ProtocolConnection[] = [];
afterEach(() => {
    for (const connection of connections) connection.dispose();
    connections = [];
});

function pair(incoming: IncomingMessages) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createProtocolConnection(incoming.reader(new StreamMessageReader(toServer)), new StreamMessageWriter(toClient), undefined,
        { messageStrategy: incoming.strategy });
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    connections.push(server, client);
    return { server, client };
}

const change = (uri: string, text: string, version: number) => ({
    jsonrpc: '2.0', method: DidChangeTextDocumentNotification.method, params: { textDocument: { uri, version }, contentChanges: [{ text }] }
});

describe('incoming messages', () => {
    it('merge consecutive changes of one document, in order, and nothing else', () => {
        const hover = { jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} };
        const merged = coalesceDocumentChanges([change('a', '1', 1), change('a', '2', 2), change('b', 'x', 1), change('a', '3', 3), hover, change('a', '4', 4)]);
        expect(merged).toEqual([
            { ...change('a', '2', 2), params: { textDocument: { uri: 'a', version: 2 }, contentChanges: [{ text: '1' }, { text: '2' }] } },
            change('b', 'x', 1), change('a', '3', 3), hover, change('a', '4', 4)
        ]);
    });

    it('are counted until the connection takes them, a request cancelled while it runs included', async () => {
        const incoming = new IncomingMessages();
        const { server, client } = pair(incoming);
        let release!: () => void;
        let running!: () => void;
        const started = new Promise<void>(resolve => { running = resolve; });
        server.onRequest(HoverRequest.type, () => new Promise(resolve => { release = () => resolve(null); running(); }));
        const changes: number[] = [];
        server.onNotification(DidChangeTextDocumentNotification.type, params => { changes.push(params.contentChanges.length); });
        server.listen();
        client.listen();

        const source = new CancellationTokenSource();
        const answer = client.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///a.journey' }, position: { line: 0, character: 0 } }, source.token);
        await started;
        expect(incoming.pending).toBe(false);
        // The connection handles a cancellation of a running request as it arrives, without queueing it.
        source.cancel();
        for (let i = 1; i <= 50; i++) void client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: 'file:///a.journey', version: i }, contentChanges: [{ text: `${i}` }] });
        while (changes.reduce((sum, n) => sum + n, 0) < 50) await new Promise(resolve => setImmediate(resolve));
        // Every message taken: nothing is waited for (a build waiting on the cancellation would wait for ever).
        expect(incoming.pending).toBe(false);
        // Sent together, read together: far fewer notifications than changes.
        expect(changes.length).toBeLessThan(50);
        release();
        await answer.catch(() => undefined);
    });
});
