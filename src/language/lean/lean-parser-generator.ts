import { AstUtils, GrammarAST, GrammarUtils, type AstNode, type LangiumCoreServices } from 'langium';
import { LeanLexer, UnsupportedTokens, type TokenType } from './lean-lexer.js';

/**
 * Writes the lean parser of a Langium grammar as TypeScript: one function per rule and one node
 * class per AST type, over the lean lexer's tokens (lean-runtime.ts). Run at build time by
 * scripts/generate-lean-parser.mjs, which writes src/language/generated/lean-parser.ts; the
 * tests run it on other grammars.
 *
 * The grammar must be LL(1): one token decides every choice (Langium's parser looks further
 * ahead, so overlapping choices could be read differently). What the generator does not know
 * makes it refuse the grammar (`UnsupportedGrammar`); the module it then writes has no parser,
 * and Langium's parser reads every file.
 *
 * Performance: each property is read and written by its name at its own place in the code, on
 * nodes of one class per type, which V8 compiles to direct accesses. (A parser made of closures
 * shared each closure's code between all rules and properties; its accesses saw every shape and
 * stayed slow lookups: the benchmark's 10,000-touchpoint journey took 36 ms to lex and parse with
 * closures on nodes grown property by property, 20 ms with generated code.)
 */

/** A grammar construct the generator does not know: no lean parser for this grammar. */
export class UnsupportedGrammar extends Error {}

export interface LeanParserSourceOptions {
    /** The module the generated code imports the runtime from (lean-runtime.ts). */
    runtimeModule: string;
    /** The module the generated code imports the span symbols from (source-positions.ts). */
    positionsModule: string;
    /** The module of the AST types (Langium's generated ast.ts), for typed nodes; untyped code without it. */
    astModule?: string;
    /** What the code was generated from, for its header. */
    origin: string;
}

/**
 * The TypeScript module of the lean parser for `services`' grammar and lexer. Exports
 * `leanParser` (a `LeanGrammarParser`, or undefined when the grammar is refused) and
 * `unsupported` (why, or undefined).
 */
export function generateLeanParserSource(services: LangiumCoreServices, options: LeanParserSourceOptions): string {
    const header = `// Generated from ${options.origin} by ${GENERATOR}: do not edit.\n`;
    try {
        return header + new ParserGenerator(services, options).generate();
    } catch (error) {
        if (!(error instanceof UnsupportedGrammar || error instanceof UnsupportedTokens)) throw error;
        return `${header}// The grammar cannot be parsed on the fast path: ${error.message.replace(/\n/g, ' ')}.
import type { LeanGrammarParser } from ${JSON.stringify(options.runtimeModule)};

export const leanParser: LeanGrammarParser | undefined = undefined;
export const unsupported: string | undefined = ${JSON.stringify(error.message)};
`;
    }
}

const GENERATOR = 'src/language/lean/lean-parser-generator.ts';

/** Where an element's value goes: appended to a data type rule's text, assigned to the node, or returned (a rule that only calls others). */
interface Target {
    /** The name of the string variable collecting a data type rule's text. */
    text?: string;
    assignment?: GrammarAST.Assignment;
    /** In a rule without assignments: an unassigned call's node is the rule's result. */
    returns?: boolean;
    /** The current token was tested already (by an `if`, `while` or `case`): the first token needs no test. */
    checked?: boolean;
}

class ParserGenerator {
    private readonly lexer: LeanLexer;
    private readonly tokenTypes: Record<string, TokenType>;
    private readonly reflection: LangiumCoreServices['shared']['AstReflection'];
    private readonly typed: boolean;
    private readonly functionNames = new Map<GrammarAST.ParserRule, string>();
    private readonly toGenerate: GrammarAST.ParserRule[] = [];
    private readonly classNames = new Map<string, string>();
    private readonly classes: string[] = [];
    private readonly conversions: string[] = [];
    private readonly properties: string[] = [];
    private readonly tables = new Map<string, string>();
    /** In the rule being written, when it may need `textOrder`: the rank of each node-holding feature. */
    private ranks?: Map<string, number>;
    /** Rank tables (`textOrder`): name, node-holding features in class order. */
    private readonly rankTables = new Map<string, string[]>();
    private readonly firstSets = new Map<GrammarAST.AbstractElement | GrammarAST.AbstractRule, Set<number>>();
    /** Fragments being inlined: a fragment that includes itself cannot be. */
    private readonly inlining = new Set<GrammarAST.ParserRule>();
    private temporaries = 0;

    constructor(private readonly services: LangiumCoreServices, private readonly options: LeanParserSourceOptions) {
        const definition = services.parser.Lexer.definition as Record<string, TokenType> | undefined;
        if (!definition || Array.isArray(definition)) throw new UnsupportedGrammar('a multi-mode lexer');
        this.tokenTypes = definition;
        this.lexer = new LeanLexer(Object.values(definition));
        this.reflection = services.shared.AstReflection;
        this.typed = options.astModule !== undefined;
    }

    generate(): string {
        const entry = this.services.Grammar.rules.find(rule => GrammarAST.isParserRule(rule) && rule.entry) as GrammarAST.ParserRule | undefined;
        if (!entry) throw new UnsupportedGrammar('no entry rule');
        const entryName = this.functionOf(entry);
        const functions: string[] = [];
        for (let rule = this.toGenerate.shift(); rule; rule = this.toGenerate.shift()) functions.push(this.ruleFunction(rule));
        const imports = [
            ...(this.typed ? [] : ['// @ts-nocheck: no AST types for this grammar.']),
            `import { ASSIGNMENTS_AT, NODE_END, NODE_START } from ${JSON.stringify(this.options.positionsModule)};`,
            `import { GIVE_UP, LeanNode, NO_ITEMS, added, rankTable, tokenTable, type LeanCursor, type LeanGrammarParser } from ${JSON.stringify(this.options.runtimeModule)};`,
            ...(this.typed ? [`import type * as ast from ${JSON.stringify(this.options.astModule)};`] : [])
        ];
        // Written after the rules: a property's number is known once the code assigning it is.
        const rankTables = [...this.rankTables].map(([name, features]) => {
            const pairs = features.flatMap((feature, rank) => {
                const property = this.properties.indexOf(feature);
                return property < 0 ? [] : [property, rank];
            });
            return `/** Properties holding nodes, in the class's order: walks visit them in this order unless the text breaks it. */\nconst ${name} = rankTable(${this.properties.length}, ${pairs.join(', ')});`;
        });
        const tokenNames = this.lexer.tokenTypes.map(type => `    ${JSON.stringify(type.name)}`).join(',\n');
        return `${imports.join('\n')}

/** Token numbers: the index of each type in the lexer's definition (its order is checked at start-up). */
const TOKEN_NAMES = [\n${tokenNames}\n];

/** Rules whose values are converted: \`c.convert(i, text)\` uses the value converter of the i-th. */
const CONVERSIONS = ${JSON.stringify(this.conversions)};

/** Properties assigned: \`c.assigned(i, start)\` records where a value of the i-th was read. */
const PROPERTIES = ${JSON.stringify(this.properties)};
${[...this.tables.values()].join('\n')}
${rankTables.join('\n')}

// ------------------------------------------------------------------ nodes

${this.classes.join('\n\n')}

// ------------------------------------------------------------------ rules

${functions.join('\n\n')}

export const leanParser: LeanGrammarParser | undefined = { tokenNames: TOKEN_NAMES, conversions: CONVERSIONS, properties: PROPERTIES, parse: ${entryName} };
export const unsupported: string | undefined = undefined;
`;
    }

    private temporary(): string {
        return `t${this.temporaries++}`;
    }

    // ------------------------------------------------------------------ rules

    /** The name of `rule`'s function, generated later if new. */
    private functionOf(rule: GrammarAST.ParserRule): string {
        let name = this.functionNames.get(rule);
        if (!name) {
            if (rule.parameters.length || GrammarAST.isInfixRule(rule)) throw new UnsupportedGrammar(`rule ${rule.name} has parameters or is an infix rule`);
            if (!/^\w+$/.test(rule.name)) throw new UnsupportedGrammar(`the rule name ${rule.name}`);
            name = `parse${rule.name}`;
            if ([...this.functionNames.values()].includes(name)) name = `${name}_${this.functionNames.size}`;
            this.functionNames.set(rule, name);
            this.toGenerate.push(rule);
        }
        return name;
    }

    private ruleFunction(rule: GrammarAST.ParserRule): string {
        const name = this.functionNames.get(rule)!;
        this.temporaries = 0;
        const comment = `/** ${rule.name}: ${grammarText(rule.definition).replace(/\*\//g, '* /')} */`;
        if (GrammarUtils.isDataTypeRule(rule)) {
            return `${comment}
function ${name}(c: LeanCursor): unknown {
    let text = '';
${indent(this.element(rule.definition, { text: 'text' }))}
    return c.convert(${this.conversion(rule)}, text);
}`;
        }
        if (isUnionRule(rule)) {
            // `Element: Channel | Persona`: the called rule's node is this rule's.
            return `${comment}
function ${name}(c: LeanCursor): ${this.returnType(rule)} {
${indent(this.element(rule.definition, { returns: true }))}
}`;
        }
        // Spans and containers are written here, not by shared functions. Performance: each
        // access site then sees one node shape (shared ones saw them all, and stayed slow).
        const order = this.textOrder(rule);
        this.ranks = order.ranks;
        const body = indent(this.element(rule.definition, {}));
        this.ranks = undefined;
        return `${comment}
function ${name}(c: LeanCursor): ${this.returnType(rule)} {
    const node = new ${this.nodeClass(rule)}();
    const start = c.start, consumed = c.consumed, mark = c.open();${order.ranks ? '\n    let rank = -1, ordered = true;' : ''}
${body}
    if (c.consumed > consumed) {
        node[NODE_START] = start;
        node[NODE_END] = c.previousEnd;
    } else {
        node[NODE_START] = node[NODE_END] = c.emptyAt(start);
    }
    node[ASSIGNMENTS_AT] = c.close(mark);${order.code}
    return node;
}`;
    }

    /**
     * For a rule whose text may assign node-holding properties in another order than its class's
     * (facts in any order in a `{ … }` body): the code that puts them in text order, as Langium's
     * parser has them (`LeanCursor.textOrder`). Empty for other rules.
     */
    private textOrder(rule: GrammarAST.ParserRule): { code: string; ranks?: Map<string, number> } {
        const repeated = AstUtils.streamAst(rule.definition).some(element => GrammarAST.isAbstractElement(element)
            && (element.cardinality === '*' || element.cardinality === '+') && AstUtils.streamAst(element).some(GrammarAST.isAssignment));
        const features = nodeFeatures(rule);
        if (!repeated || features.length < 2) return { code: '' };
        if (features.length > 30) throw new UnsupportedGrammar(`more than 30 properties holding nodes in ${rule.name}`);
        const name = `ORDER_${GrammarUtils.getTypeName(rule)}`;
        this.rankTables.set(name, features);
        // Performance: each assignment compares its rank with the last one (`assign`); the block of
        // assignments is read only when a rank went down (a fact written again is no disorder).
        return {
            ranks: new Map(features.map((feature, rank) => [feature, rank])),
            code: `
    if (!ordered && !c.inOrder(node[ASSIGNMENTS_AT], ${name})) c.textOrder(node, node[ASSIGNMENTS_AT], ${name}, PROPERTIES);`
        };
    }

    /** The type `rule`'s function returns: its node class, or those of the rules it chooses between. */
    private returnType(rule: GrammarAST.ParserRule, seen = new Set<GrammarAST.ParserRule>()): string {
        if (!this.typed) return 'any';
        if (GrammarUtils.isDataTypeRule(rule)) return 'unknown';
        if (!isUnionRule(rule)) return `${GrammarUtils.getTypeName(rule)}Node`;
        seen.add(rule);
        const calls = [rule.definition, ...AstUtils.streamAllContents(rule.definition)].filter(GrammarAST.isRuleCall)
            .map(call => call.rule.ref as GrammarAST.ParserRule).filter(callee => !seen.has(callee));
        return [...new Set(calls.map(callee => this.returnType(callee, seen)))].join(' | ');
    }

    /**
     * The class of `rule`'s nodes: every property of the type, in the grammar's order, with the
     * initial value Langium's parser gives (optional ones `undefined`, lists empty, flags `false`;
     * an empty list is the shared `NO_ITEMS` until an item is added: lean-runtime.ts).
     * A lean node's properties are in the grammar's order where Langium's parser orders them as
     * the text first assigns them: walks visit properties in that order, which changes the order
     * in which diagnostics are produced, not which; they are shown by position.
     */
    private nodeClass(rule: GrammarAST.ParserRule): string {
        const type = GrammarUtils.getTypeName(rule);
        const known = this.classNames.get(type);
        if (known) return known;
        if (!/^\w+$/.test(type)) throw new UnsupportedGrammar(`the type name ${type}`);
        const className = `${type}Node`;
        this.classNames.set(type, className);
        const metaData = this.reflection.getTypeMetaData(type);
        const properties = metaData.properties;
        const names = [...new Set([...assignedFeatures(rule), ...Object.keys(properties)])];
        const fields = names.map(name => {
            if (!/^[A-Za-z_]\w*$/.test(name)) throw new UnsupportedGrammar(`the property name ${type}.${name}`);
            const value = properties[name]?.defaultValue;
            const fieldType = this.typed ? `ast.${type}['${name}']` : 'any';
            if (Array.isArray(value) && value.length === 0) return `    ${name}: ${fieldType} = NO_ITEMS;`;
            if (typeof value === 'boolean' || typeof value === 'number') return `    ${name}: ${fieldType} = ${String(value)};`;
            if (value !== undefined) throw new UnsupportedGrammar(`a default value ${JSON.stringify(value)} for ${type}.${name}`);
            // Undefined until the parse writes it (a required property is written before the node is returned).
            return `    ${name}!: ${fieldType};`;
        });
        const container = this.typed ? `ast.${type}['$container']` : 'any';
        this.classes.push(`class ${className} extends LeanNode${this.typed ? ` implements ast.${type}` : ''} {
    override readonly $type = ${JSON.stringify(type)};
    override $container: ${container} = undefined!;
    override $containerProperty: string | undefined = undefined;
    override $containerIndex: number | undefined = undefined;
    override [NODE_START] = 0;
    override [NODE_END] = 0;
    override [ASSIGNMENTS_AT] = -1;
${fields.join('\n')}
}`);
        return className;
    }

    // ------------------------------------------------------------------ elements

    /** The code of `element` with its cardinality. */
    private element(element: GrammarAST.AbstractElement, target: Target): string {
        if (!element.cardinality) return this.once(element, target);
        const once = this.once(element, { ...target, checked: true });
        if (target.returns) throw new UnsupportedGrammar(`an optional or repeated call in ${ruleName(element)}, which assigns nothing`);
        if (this.nullable(element, true)) throw new UnsupportedGrammar(`an optional element that can be empty in ${ruleName(element)}`);
        const next = this.startsWith(this.first(element));
        switch (element.cardinality) {
            case '?': return `if (${next}) {\n${indent(once)}\n}`;
            case '*': return `while (${next}) {\n${indent(once)}\n}`;
            case '+': return `do {\n${indent(once)}\n} while (${next});`;
        }
    }

    /** The code of `element` once, ignoring its cardinality. */
    private once(element: GrammarAST.AbstractElement, target: Target): string {
        if (GrammarAST.isGroup(element)) {
            if (element.guardCondition) throw new UnsupportedGrammar('a guarded group');
            if (target.returns && element.elements.length !== 1) throw new UnsupportedGrammar(`a group in ${ruleName(element)}, which assigns nothing`);
            // Only the first part starts on the token tested before.
            return element.elements.map((part, index) => this.element(part, { ...target, checked: index === 0 && target.checked })).join('\n');
        }
        if (GrammarAST.isAlternatives(element)) return this.alternatives(element, target);
        if (GrammarAST.isAssignment(element)) {
            if (target.assignment) throw new UnsupportedGrammar('a nested assignment');
            if (GrammarAST.isCrossReference(element.terminal)) return this.crossReference(element, element.terminal, target);
            return this.element(element.terminal, { ...target, assignment: element });
        }
        if (target.returns && !GrammarAST.isRuleCall(element)) throw new UnsupportedGrammar(`${element.$type} in ${ruleName(element)}, which assigns nothing`);
        if (GrammarAST.isKeyword(element)) return this.keyword(element, target);
        if (GrammarAST.isRuleCall(element)) return this.ruleCall(element, target);
        throw new UnsupportedGrammar(`${element.$type} in ${ruleName(element)}`);
    }

    private alternatives(element: GrammarAST.Alternatives, target: Target): string {
        const seen = new Set<number>();
        const cases = element.elements.map(choice => {
            if (this.nullable(choice, true)) throw new UnsupportedGrammar(`an alternative that can be empty in ${ruleName(element)}`);
            const first = [...this.first(choice)];
            for (const index of first) {
                if (seen.has(index)) throw new UnsupportedGrammar(`alternatives that start with the same token in ${ruleName(element)}`);
                seen.add(index);
            }
            const body = this.element(choice, { ...target, checked: true });
            return `${first.map(index => `case ${this.tokenNumber(index)}:`).join(' ')} {\n${indent(body)}${target.returns ? '' : '\n    break;'}\n}`;
        });
        return `switch (c.token()) {\n${indent(cases.join('\n'))}\n    default: throw GIVE_UP;\n}`;
    }

    private keyword(keyword: GrammarAST.Keyword, target: Target): string {
        const indexes = this.lexer.matchesOf(this.tokenType(keyword.value));
        const expect = this.expect(indexes, target);
        // The token's text is the keyword, unless other token types are in the keyword's category.
        const image = indexes.length === 1 ? JSON.stringify(keyword.value) : 'c.image()';
        if (target.text) return `${expect}\n${target.text} += ${image};\nc.advance();`;
        if (!target.assignment) return `${expect}\nc.advance();`;
        const start = this.temporary();
        // A flag's value is `true`, whatever the keyword.
        if (target.assignment.operator === '?=') return `${expect}\nconst ${start} = c.start;\nc.advance();\n${this.assign(target.assignment, 'true', start)}`;
        const value = this.temporary();
        return `${expect}\nconst ${start} = c.start, ${value} = ${image};\nc.advance();\n${this.assign(target.assignment, value, start)}`;
    }

    private ruleCall(call: GrammarAST.RuleCall, target: Target): string {
        const rule = call.rule.ref;
        if (!rule) throw new UnsupportedGrammar(`an unresolved rule in ${ruleName(call)}`);
        if (call.arguments.length) throw new UnsupportedGrammar(`a rule call with arguments in ${ruleName(call)}`);
        if (GrammarAST.isTerminalRule(rule)) {
            const expect = this.expect(this.lexer.matchesOf(this.tokenType(rule.name)), target);
            const value = `c.convert(${this.conversion(rule)}, c.image())`;
            if (target.text) return `${expect}\n${target.text} += String(${value});\nc.advance();`;
            if (!target.assignment) return `${expect}\nc.advance();`;
            if (target.assignment.operator === '?=') {
                const start = this.temporary();
                return `${expect}\nconst ${start} = c.start;\nc.advance();\n${this.assign(target.assignment, 'true', start)}`;
            }
            const [start, converted] = [this.temporary(), this.temporary()];
            return `${expect}\nconst ${start} = c.start, ${converted} = ${value};\nc.advance();\n${this.assign(target.assignment, converted, start)}`;
        }
        if (!GrammarAST.isParserRule(rule)) throw new UnsupportedGrammar(`a call of ${rule.$type} in ${ruleName(call)}`);
        if (rule.fragment) {
            if (this.inlining.has(rule)) throw new UnsupportedGrammar(`the fragment ${rule.name} includes itself`);
            this.inlining.add(rule);
            const code = this.element(rule.definition, target);
            this.inlining.delete(rule);
            return code;
        }
        const oneToken = this.oneTokenRule(rule);
        if (oneToken) return this.oneTokenCall(rule, oneToken, target);
        const parse = this.functionOf(rule);
        if (GrammarUtils.isDataTypeRule(rule)) {
            if (target.text) return `${target.text} += String(${parse}(c));`;
            if (!target.assignment) return `${parse}(c);`;
            const start = this.temporary();
            if (target.assignment.operator === '?=') return `const ${start} = c.start;\n${parse}(c);\n${this.assign(target.assignment, 'true', start)}`;
            const value = this.temporary();
            return `const ${start} = c.start, ${value} = ${parse}(c);\n${this.assign(target.assignment, value, start)}`;
        }
        if (target.text) throw new UnsupportedGrammar(`a call of ${rule.name} in a data type rule`);
        if (target.returns) return `return ${parse}(c);`;
        // An unassigned call in a rule that assigns: Langium's parser would merge the two nodes.
        if (!target.assignment) throw new UnsupportedGrammar(`an unassigned call of ${rule.name} in ${ruleName(call)}, which assigns properties`);
        // The child's container, as Langium's `linkContentToContainer` sets it after a parse.
        const { feature, operator } = target.assignment;
        const [start, child] = [this.temporary(), this.temporary()];
        const index = operator === '+=' ? `\n${child}.$containerIndex = node.${feature}.length;` : '';
        return `const ${start} = c.start, ${child} = ${parse}(c);\n${child}.$container = node;\n${child}.$containerProperty = ${JSON.stringify(feature)};${index}\n${this.assign(target.assignment, child, start)}`;
    }

    /**
     * The token types of a data type rule that reads one token of a set (`Name: ID | 'goal' | …`),
     * with the terminals among them, whose values are converted; undefined for other rules.
     */
    private oneTokenRule(rule: GrammarAST.ParserRule): { indexes: number[]; terminals: Array<{ indexes: number[]; rule: GrammarAST.TerminalRule }> } | undefined {
        if (!GrammarUtils.isDataTypeRule(rule) || rule.definition.cardinality) return undefined;
        const choices = GrammarAST.isAlternatives(rule.definition) ? rule.definition.elements : [rule.definition];
        if (choices.length < 2) return undefined;
        const indexes: number[] = [];
        const terminals: Array<{ indexes: number[]; rule: GrammarAST.TerminalRule }> = [];
        for (const choice of choices) {
            if (choice.cardinality) return undefined;
            if (GrammarAST.isKeyword(choice)) indexes.push(...this.lexer.matchesOf(this.tokenType(choice.value)));
            else if (GrammarAST.isRuleCall(choice) && GrammarAST.isTerminalRule(choice.rule.ref) && !choice.arguments.length) {
                const matches = this.lexer.matchesOf(this.tokenType(choice.rule.ref.name));
                terminals.push({ indexes: matches, rule: choice.rule.ref });
                indexes.push(...matches);
            } else return undefined;
        }
        if (new Set(indexes).size !== indexes.length) throw new UnsupportedGrammar(`alternatives that start with the same token in ${rule.name}`);
        return { indexes, terminals };
    }

    /**
     * A call of a one-token rule (`oneTokenRule`), inline: one test of the token against the set,
     * its text (converted for a terminal), and the rule's conversion. Performance: a function with
     * a case per keyword cost a call and a jump per name; the set is one table look-up.
     */
    private oneTokenCall(rule: GrammarAST.ParserRule, oneToken: NonNullable<ReturnType<ParserGenerator['oneTokenRule']>>, target: Target): string {
        if (target.assignment?.operator === '?=' || (target.returns && !target.text)) throw new UnsupportedGrammar(`a flag or an unassigned call of ${rule.name}`);
        const expect = this.expect(oneToken.indexes, target);
        const token = this.temporary();
        // A keyword's text is the keyword (Langium's parser does not convert it); a terminal's is converted.
        let image = 'c.image()';
        for (const terminal of oneToken.terminals) {
            image = `(${terminal.indexes.map(index => `${token} === ${this.tokenNumber(index)}`).join(' || ')}) ? String(c.convert(${this.conversion(terminal.rule)}, c.image())) : ${image}`;
        }
        const value = `c.convert(${this.conversion(rule)}, ${image})`;
        const tokenOf = oneToken.terminals.length ? `const ${token} = c.token();\n` : '';
        if (target.text) return `${expect}\n${tokenOf}${target.text} += String(${value});\nc.advance();`;
        if (!target.assignment) return `${expect}\nc.advance();`;
        const [start, converted] = [this.temporary(), this.temporary()];
        return `${expect}\n${tokenOf}const ${start} = c.start, ${converted} = ${value};\nc.advance();\n${this.assign(target.assignment, converted, start)}`;
    }

    /** `owner=[Team:ID]`: the reference text is read as a data type rule would read it, then linked later. */
    private crossReference(assignment: GrammarAST.Assignment, crossReference: GrammarAST.CrossReference, target: Target): string {
        if (crossReference.isMulti) throw new UnsupportedGrammar(`a multi-target reference in ${ruleName(assignment)}`);
        if (!crossReference.terminal) throw new UnsupportedGrammar(`a reference without terminal in ${ruleName(assignment)}`);
        const [start, text] = [this.temporary(), this.temporary()];
        const reference = `c.reference(node, ${JSON.stringify(assignment.feature)}, ${text})`;
        return `const ${start} = c.start;\nlet ${text} = '';\n${this.element(crossReference.terminal, { text, checked: target.checked })}\n${this.assign(assignment, reference, start)}`;
    }

    /**
     * Writes a value as Langium's parser does (a property written twice keeps the last value) and
     * records where it was read, for source-positions.ts: the repeated-property check reads both.
     */
    private assign(assignment: GrammarAST.Assignment, value: string, start: string): string {
        const feature = assignment.feature;
        let property = this.properties.indexOf(feature);
        if (property < 0) property = this.properties.push(feature) - 1;
        let record = `c.assigned(${property} /* ${feature} */, ${start});`;
        const rank = this.ranks?.get(feature);
        if (rank !== undefined) record += `\nif (rank > ${rank}) ordered = false; else rank = ${rank};`;
        switch (assignment.operator) {
            case '=': return `node.${feature} = ${value}${this.typed ? ` as typeof node.${feature}` : ''};\n${record}`;
            case '?=': return `node.${feature} = true;\n${record}`;
            case '+=': return `node.${feature} = added(node.${feature}, ${value}${this.typed ? ` as (typeof node.${feature})[number]` : ''});\n${record}`;
        }
    }

    /** The index in CONVERSIONS of `rule`'s value converter. */
    private conversion(rule: GrammarAST.AbstractRule): number {
        let index = this.conversions.indexOf(rule.name);
        if (index < 0) index = this.conversions.push(rule.name) - 1;
        return index;
    }

    // ------------------------------------------------------------------ tokens

    private tokenType(name: string): TokenType {
        const type = this.tokenTypes[name];
        if (!type) throw new UnsupportedGrammar(`no token for '${name}'`);
        return type;
    }

    /** A token number, with the token's name beside it for the reader. */
    private tokenNumber(index: number): string {
        return `${index} /* ${this.lexer.tokenTypes[index].name.replace(/\*\//g, '* /')} */`;
    }

    /** A test of whether the current token's type is one of `indexes`. */
    private startsWith(indexes: Iterable<number>): string {
        const list = [...indexes].sort((a, b) => a - b);
        if (list.length <= 4) return list.length ? list.map(index => `c.token() === ${this.tokenNumber(index)}`).join(' || ') : 'false';
        const key = list.join(',');
        let name = this.tables.get(key)?.match(/^const (\w+)/)?.[1];
        if (!name) {
            name = `TOKENS_${this.tables.size}`;
            this.tables.set(key, `const ${name} = tokenTable(${list.map(index => this.tokenNumber(index)).join(', ')});`);
        }
        return `${name}[c.token()] === true`;
    }

    /** Leaves the fast path unless the current token's type is one of `indexes` (tested already if `target.checked`). */
    private expect(indexes: number[], target: Target): string {
        return target.checked ? `// ${indexes.map(index => this.lexer.tokenTypes[index].name).join(' or ')}, tested above` : `if (!(${this.startsWith(indexes)})) throw GIVE_UP;`;
    }

    // ------------------------------------------------------------------ grammar analysis

    /** Token type indexes that can start `element`. */
    private first(element: GrammarAST.AbstractElement | GrammarAST.AbstractRule): Set<number> {
        const known = this.firstSets.get(element);
        if (known) return known;
        const first = new Set<number>();
        this.firstSets.set(element, first); // left recursion would stop here; LL(1) grammars have none
        const add = (indexes: Iterable<number>) => { for (const index of indexes) first.add(index); };
        if (GrammarAST.isParserRule(element)) add(this.first(element.definition));
        else if (GrammarAST.isTerminalRule(element)) add(this.lexer.matchesOf(this.tokenType(element.name)));
        else if (GrammarAST.isKeyword(element)) add(this.lexer.matchesOf(this.tokenType(element.value)));
        else if (GrammarAST.isRuleCall(element)) add(this.first(element.rule.ref!));
        else if (GrammarAST.isAssignment(element)) add(this.first(element.terminal));
        else if (GrammarAST.isCrossReference(element) && element.terminal) add(this.first(element.terminal));
        else if (GrammarAST.isAlternatives(element)) for (const choice of element.elements) add(this.first(choice));
        else if (GrammarAST.isGroup(element)) {
            for (const part of element.elements) {
                add(this.first(part));
                if (!this.nullable(part, false)) break;
            }
        } else throw new UnsupportedGrammar(`${element.$type} in ${ruleName(element)}`);
        return first;
    }

    /** Whether `element` can match no token (`ignoreCardinality`: as if it had none). */
    private nullable(element: GrammarAST.AbstractElement | GrammarAST.AbstractRule, ignoreCardinality: boolean): boolean {
        if (!ignoreCardinality && 'cardinality' in element && (element.cardinality === '?' || element.cardinality === '*')) return true;
        if (GrammarAST.isParserRule(element)) return this.nullable(element.definition, false);
        if (GrammarAST.isInfixRule(element)) return false;
        if (GrammarAST.isRuleCall(element)) return GrammarAST.isParserRule(element.rule.ref) && this.nullable(element.rule.ref, false);
        if (GrammarAST.isAssignment(element)) return this.nullable(element.terminal, false);
        if (GrammarAST.isAlternatives(element)) return element.elements.some(choice => this.nullable(choice, false));
        if (GrammarAST.isGroup(element)) return element.elements.every(part => this.nullable(part, false));
        return false;
    }
}

/** Whether `rule` only chooses between other rules that build nodes (`Element: Channel | Persona`). */
function isUnionRule(rule: GrammarAST.ParserRule): boolean {
    return !GrammarUtils.isDataTypeRule(rule) && assignedFeatures(rule).length === 0 && callsRulesOnly(rule.definition);
}

/** Whether `element` is a call of a rule that builds a node, or a choice between such calls. */
function callsRulesOnly(element: GrammarAST.AbstractElement): boolean {
    if (element.cardinality) return false;
    if (GrammarAST.isAlternatives(element)) return element.elements.every(callsRulesOnly);
    if (GrammarAST.isGroup(element)) return element.elements.length === 1 && callsRulesOnly(element.elements[0]);
    return GrammarAST.isRuleCall(element) && GrammarAST.isParserRule(element.rule.ref) && !element.rule.ref.fragment && !GrammarUtils.isDataTypeRule(element.rule.ref);
}

/**
 * The features of `rule` that hold nodes or references (a child rule's node, `[Team:ID]`), in its
 * class's order: the order of `assignedFeatures`.
 */
function nodeFeatures(rule: GrammarAST.ParserRule): string[] {
    const holding = new Set<string>();
    const fragments = new Set<GrammarAST.ParserRule>();
    const visit = (element: AstNode): void => {
        for (const node of AstUtils.streamAst(element)) {
            if (GrammarAST.isAssignment(node)) {
                const terminal = node.terminal;
                const callsNode = (call: GrammarAST.AbstractElement) => GrammarAST.isRuleCall(call) && GrammarAST.isParserRule(call.rule.ref) && !GrammarUtils.isDataTypeRule(call.rule.ref);
                if (GrammarAST.isCrossReference(terminal) || callsNode(terminal) || (GrammarAST.isAlternatives(terminal) && terminal.elements.some(callsNode))) holding.add(node.feature);
            } else if (GrammarAST.isRuleCall(node) && GrammarAST.isParserRule(node.rule.ref) && node.rule.ref.fragment && !fragments.has(node.rule.ref)) {
                fragments.add(node.rule.ref);
                visit(node.rule.ref.definition);
            }
        }
    };
    visit(rule.definition);
    return [...new Set(assignedFeatures(rule))].filter(feature => holding.has(feature));
}

/** The features `rule` assigns, in grammar order, fragments included. */
function assignedFeatures(rule: GrammarAST.ParserRule): string[] {
    const features: string[] = [];
    const fragments = new Set<GrammarAST.ParserRule>();
    const visit = (element: GrammarAST.AbstractElement): void => {
        if (GrammarAST.isAssignment(element)) features.push(element.feature);
        else if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element)) element.elements.forEach(visit);
        else if (GrammarAST.isRuleCall(element) && GrammarAST.isParserRule(element.rule.ref) && element.rule.ref.fragment && !fragments.has(element.rule.ref)) {
            fragments.add(element.rule.ref);
            visit(element.rule.ref.definition);
        }
    };
    visit(rule.definition);
    return features;
}

/** `element` as the grammar writes it, for the comment above each rule's function. */
function grammarText(element: GrammarAST.AbstractElement, nested = false): string {
    const cardinality = element.cardinality ?? '';
    let text: string;
    if (GrammarAST.isKeyword(element)) text = `'${element.value}'`;
    else if (GrammarAST.isRuleCall(element)) text = element.rule.ref?.name ?? element.rule.$refText;
    else if (GrammarAST.isCrossReference(element)) text = `[${element.type.ref?.name ?? element.type.$refText}${element.terminal ? `:${grammarText(element.terminal, true)}` : ''}]`;
    else if (GrammarAST.isAssignment(element)) text = `${element.feature}${element.operator}${grammarText(element.terminal, true)}`;
    else if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element)) {
        text = element.elements.map(part => grammarText(part, true)).join(GrammarAST.isGroup(element) ? ' ' : ' | ');
        if (nested && (element.elements.length > 1 || cardinality)) text = `(${text})`;
    } else text = element.$type;
    return text + cardinality;
}

function indent(code: string): string {
    return code.split('\n').map(line => line ? `    ${line}` : line).join('\n');
}

function ruleName(element: GrammarAST.AbstractElement | GrammarAST.AbstractRule): string {
    return AstUtils.getContainerOfType(element, GrammarAST.isParserRule)?.name ?? 'the grammar';
}

