// A parser alone over texts, for the language benchmarks. Imports out/: `npm run build` first.
import '../../out/polyfills.js';
import { EmptyFileSystem } from 'langium';
import { createJourneyServices } from '../../out/language/journey-module.js';

/**
 * A parser alone (lexer + parser + AST, no linking, no validation) over the texts: Langium's
 * (with its CST, as the language server parses) or the lean one (`journey check`'s, no CST).
 */
export function bareParse(texts, { lean = false } = {}) {
    const { Journey } = createJourneyServices(EmptyFileSystem, lean ? { batch: {} } : {});
    const parser = Journey.parser.LangiumParser;
    const started = performance.now();
    let errors = 0;
    for (const text of texts) {
        if (lean) {
            if (!parser.lean.parse(text)) errors++;
            continue;
        }
        const result = parser.parse(text);
        errors += result.lexerErrors.length + result.parserErrors.length;
    }
    const ms = performance.now() - started;
    if (errors) throw new Error(`${lean ? 'lean' : 'bare'} parse found ${errors} syntax errors`);
    return ms;
}
