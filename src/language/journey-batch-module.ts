import {
    createParser, DefaultDocumentBuilder, DefaultIndexManager, UriUtils, isReference, type AstNode, type LangiumCoreServices, type LangiumDocument, type LangiumSharedCoreServices,
    type Module, type ParseResult, type ParserOptions
} from 'langium';
import type { LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import { leanParser, unsupported } from './generated/lean-parser.js';
import { JourneyDocumentValidator } from './journey-diagnostics.js';
import { sizeOrBinaryRefusal } from './journey-input-guard.js';
import type { JourneyServices } from './journey-module.js';
import { createParserOf, GuardedParser, refused } from './journey-parser.js';
import { LeanParser } from './lean/lean-parser.js';

/**
 * The services of a command that builds a whole workspace once (`journey check`, `render`,
 * `serve`, `diff`, `metrics`…), as opposed to the language server's: given to
 * `createJourneyServices(context, { batch })`. Performance: files are parsed by the lean parser,
 * without a CST (lean/lean-parser.ts), and nobody asks for "find references", so the
 * reference index (a description of every cross-reference, ~7 % of a build) is not built.
 */
export interface JourneyBatchOptions {
    /**
     * `false` skips the checks, for commands that read the model and the syntax errors (from the
     * parse results) only: a quarter of a build.
     */
    validate?: boolean;
    /** `false`: Langium's parser reads every file, with its CST (to compare, in bench/language.bench.mjs). */
    lean?: boolean;
}

export function journeyBatchModule(options: JourneyBatchOptions = {}): Module<JourneyServices, PartialLangiumServices> {
    return {
        parser: {
            LangiumParser: (services) => options.lean === false ? createParserOf(services, GuardedParser) : new JourneyBatchParser(services)
        },
        validation: {
            DocumentValidator: (services) => options.validate === false ? new NoChecksDocumentValidator(services) : new JourneyDocumentValidator(services)
        }
    };
}

export const JourneyBatchSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        IndexManager: (services) => new BatchIndexManager(services),
        DocumentBuilder: (services) => new BatchDocumentBuilder(services)
    }
};

/**
 * The input guard, then the lean parser, then Langium's parser for text the lean one gives up on
 * (syntax errors). Performance: Langium's parser is made ready (its rules defined and analysed,
 * 40-150 ms) only when a file needs it; a valid workspace never does.
 */
export class JourneyBatchParser extends GuardedParser {
    /** The fast path (its `unsupported` says why it is off, if it is). */
    readonly lean: LeanParser;
    private ready = false;

    constructor(private readonly services: LangiumCoreServices) {
        super(services);
        this.lean = new LeanParser(services, leanParser, unsupported);
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const refusal = sizeOrBinaryRefusal(input);
        if (refusal) return refused(input, refusal);
        // Text the lean parser reads whole has no foreign characters: that check only protects Langium's lexer.
        const fast = options ? undefined : this.lean.parse(input);
        if (fast) return fast as ParseResult<T>;
        if (!this.ready) {
            // What createLangiumParser does when the parser is created.
            createParser(this.services.Grammar, this, this.services.parser.Lexer.definition);
            this.finalize();
            this.ready = true;
        }
        return super.parse<T>(input, options);
    }
}

/** Without a reference index, a document is affected by changed documents when one of its links lands in one. */
class BatchIndexManager extends DefaultIndexManager {
    override async updateReferences(): Promise<void> {
        // No reference index in a batch build.
    }

    /** The links the linker kept say where they land (`updateWorkspace`, for the diff). */
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        return document.references.some(reference => {
            const targets = isReference(reference) ? [reference.$nodeDescription] : reference.items.map(item => item.$nodeDescription);
            return targets.some(target => target && !UriUtils.equals(target.documentUri, document.uri) && changedUris.has(target.documentUri.toString()));
        });
    }
}

/** Updates (`updateWorkspace`) check what they rebuild as fully as a build does. */
class BatchDocumentBuilder extends DefaultDocumentBuilder {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.updateBuildOptions = { validation: true };
    }
}

class NoChecksDocumentValidator extends JourneyDocumentValidator {
    override async validateDocument(): Promise<Diagnostic[]> {
        return [];
    }
}
