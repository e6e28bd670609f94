import {
    DidChangeTextDocumentNotification, Message, type DataCallback, type DidChangeTextDocumentParams, type Disposable, type MessageReader,
    type MessageStrategy, type NotificationMessage
} from 'vscode-languageserver/node';
import type { MessageBacklog } from '../language/lsp/journey-document-builder.js';

/** A message not taken from the connection's queue after this long is not waited for any more. */
const MAX_WAIT_MS = 500;

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
    /** Messages handed to the connection and not taken from its queue yet, with when they were. */
    private readonly waiting = new Map<Message, number>();
    private drainWaiters: Array<() => void> = [];

    /** Sees the connection take each message from its queue; give it to the connection's options. */
    readonly strategy: MessageStrategy = {
        handleMessage: (message, next) => {
            try {
                return next(message);
            } finally {
                this.waiting.delete(message);
                if (!this.pending) for (const resolve of this.drainWaiters.splice(0)) resolve();
            }
        }
    };

    /** Whether messages wait in the connection's queue. */
    get pending(): boolean {
        // The connection answers some messages without queueing them (a cancelled request
        // before it ran): a message waiting longer than this is not waited for any more.
        const now = performance.now();
        for (const [message, since] of this.waiting) if (now - since > MAX_WAIT_MS) this.waiting.delete(message);
        return this.waiting.size > 0;
    }

    /** Resolves once the connection has taken every message handed to it so far (or after MAX_WAIT_MS). */
    drained(): Promise<void> {
        if (!this.pending) return Promise.resolve();
        return new Promise(resolve => {
            const done = () => { clearTimeout(timer); resolve(); };
            const timer = setTimeout(done, MAX_WAIT_MS);
            this.drainWaiters.push(done);
        });
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
                    const now = performance.now();
                    // Cancellations are handled as they arrive, not queued.
                    for (const message of messages) if (!isCancellation(message)) this.waiting.set(message, now);
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

function isCancellation(message: Message): boolean {
    return Message.isNotification(message) && message.method === '$/cancelRequest';
}

function isDocumentChange(message: Message): message is NotificationMessage & { params: DidChangeTextDocumentParams } {
    return Message.isNotification(message) && message.method === DidChangeTextDocumentNotification.method &&
        Array.isArray((message.params as DidChangeTextDocumentParams | undefined)?.contentChanges);
}
