import * as vscode from 'vscode';
import { messages, resolveLocale, type Messages } from '../language/i18n/i18n.js';

/**
 * The words of the extension's own messages (notifications, pickers, dialogs), in the language
 * the language server speaks: the `journey.locale` setting, else VS Code's display language.
 * Read at each use, so that a changed setting applies at once.
 */
export function extensionMessages(): Messages {
    const setting = vscode.workspace.getConfiguration('journey').get<string>('locale', 'auto');
    return messages(resolveLocale(setting === 'auto' ? undefined : setting, vscode.env.language));
}
