import {
    DidChangeTextDocumentNotification, Message, type DataCallback, type DidChangeTextDocumentParams, type Disposable, type MessageReader,
    type MessageStrategy, type NotificationMessage
} from 'vscode-languageserver/node';
import type { MessageBacklog } from '../language/lsp/journey-document-builder.js';

/**
 * The messages a client sends, between the transport and the connection, which hands the
 * server one message per turn of the event loop. Two things keep a burst of edits (a paste,
 * undo/redo, auto-repeat, a formatter or an assistant rewriting a file) from piling up behind
 * builds, with every request waiting behind it (1,000 edits in a second: request p95 12 s):
 *
 * - consecutive `textDocument/didChange` notifications of one document that arrive together
 *   (one read of the pipe) are merged into one, their content changes in order (the protocol
 *   applies them so);
 * - the server knows when messages wait for their turn (`pending`), so that builds let them
 *   through first (journey-document-builder.ts): a change makes the running build outdated, and
 *   a request should not wait behind edits the server has not even read.
 */
export class IncomingMessages implements MessageBacklog {
    private delivered = 0;
    private handled = 0;
    private drainWaiters: Array<() => void> = [];

    /** Counts the messages the connection takes from its queue; give it to the connection's options. */
    readonly strategy: MessageStrategy = {
        handleMessage: (message, next) => {
            try {
                return next(message);
            } finally {
                this.handled++;
                if (!this.pending) for (const resolve of this.drainWaiters.splice(0)) resolve();
            }
        }
    };

    /** Whether messages wait in the connection's queue. */
    get pending(): boolean {
        return this.handled < this.delivered;
    }

    /** Resolves once the connection has taken every message delivered so far. */
    drained(): Promise<void> {
        return this.pending ? new Promise(resolve => this.drainWaiters.push(resolve)) : Promise.resolve();
    }

    /** `inner`, with bursts of edits merged and messages counted. */
    reader(inner: MessageReader): MessageReader {
        return {
            onError: inner.onError,
            onClose: inner.onClose,
            onPartialMessage: inner.onPartialMessage,
            dispose: () => inner.dispose(),
            listen: (callback: DataCallback): Disposable => {
                let arrived: Message[] = [];
                const deliver = () => {
                    const messages = coalesceDocumentChanges(arrived);
                    arrived = [];
                    this.delivered += messages.length;
                    for (const message of messages) callback(message);
                };
                return inner.listen(message => {
                    arrived.push(message);
                    // The reader decodes the messages of one read of the pipe in a chain of
                    // promises: they have all arrived when the event loop turns.
                    if (arrived.length === 1) setImmediate(deliver);
                });
            }
        };
    }
}

/** `messages` with each run of consecutive `didChange` notifications of one document merged into one. */
export function coalesceDocumentChanges(messages: Message[]): Message[] {
    const result: Message[] = [];
    for (const message of messages) {
        const previous = result[result.length - 1];
        if (previous && isDocumentChange(previous) && isDocumentChange(message) && previous.params.textDocument.uri === message.params.textDocument.uri) {
            result[result.length - 1] = {
                ...message,
                params: { textDocument: message.params.textDocument, contentChanges: [...previous.params.contentChanges, ...message.params.contentChanges] }
            } as NotificationMessage;
        } else {
            result.push(message);
        }
    }
    return result;
}

function isDocumentChange(message: Message): message is NotificationMessage & { params: DidChangeTextDocumentParams } {
    return Message.isNotification(message) && message.method === DidChangeTextDocumentNotification.method &&
        Array.isArray((message.params as DidChangeTextDocumentParams | undefined)?.contentChanges);
}
