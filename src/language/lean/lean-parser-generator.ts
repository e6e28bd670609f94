import { AstUtils, DefaultValueConverter, GrammarAST, GrammarUtils, type AstNode, type CstNode, type LangiumCoreServices, type ValueType } from 'langium';
import { END_OF_INPUT, type LeanLexer, type LeanTokens, type TokenType } from './lean-lexer.js';

/**
 * Turns a Langium grammar into the lean parser's code (lean-parser.ts): one JavaScript function
 * per rule, compiled once per process. The grammar must be LL(1): one token decides
 * every choice. What it does not know makes it refuse the grammar (`UnsupportedGrammar`), and
 * Langium's parser then parses everything.
 *
 * Performance: generated code reads and writes each property by its name at its own place in
 * the code, on nodes of one shape per type (`nodeClass`), which V8 compiles to direct accesses.
 * A parser made of closures shares each closure's code between every rule and property; its
 * accesses saw every shape and stayed slow lookups: the benchmark's 10,000-touchpoint journey
 * took 36 ms to lex and parse with closures on nodes grown property by property, 20 ms with
 * generated code on nodes of one class per type.
 */

/** Source span of a lean node, [start, end) offsets, kept because the node has no CST yet. */
export const START = Symbol('start');
export const END = Symbol('end');

/** Thrown by the generated code to leave the fast path: the text goes to Langium's parser. */
export const GIVE_UP = new (class GiveUp extends Error {})('not on the fast path');

/** A grammar construct the generator does not know: the lean parser is then off. */
export class UnsupportedGrammar extends Error {}

/** A generated parser: the root node of the text behind `tokens`; throws GIVE_UP where it cannot follow. */
export type GeneratedParser = (tokens: LeanTokens) => AstNode;

/** A parser for `services`' grammar over `lexer`'s tokens, its lean nodes extending `nodeBase`. */
export function generateLeanParser(services: LangiumCoreServices, lexer: LeanLexer, nodeBase: new () => object): GeneratedParser {
    return new ParserGenerator(services, lexer, nodeBase).generate();
}

/**
 * Compiled code, by its text. Performance: a grammar's code and node classes are compiled once
 * per process and shared by every set of services (each test, each `journey serve` rebuild):
 * V8 then optimises them once, and each access site sees one shape per type.
 */
const compiledParsers = new Map<string, (...values: unknown[]) => GeneratedParser>();
const compiledNodeClasses = new WeakMap<object, Map<string, new () => AstNode>>();

/** Where an element's value goes: appended to a data type rule's text, or assigned to the node. */
interface Target {
    /** The name of the string variable collecting a data type rule's text. */
    text?: string;
    assignment?: GrammarAST.Assignment;
}

class ParserGenerator {
    private readonly tokenTypes: Record<string, TokenType>;
    private readonly converter: LangiumCoreServices['parser']['ValueConverter'];
    private readonly reflection: LangiumCoreServices['shared']['AstReflection'];
    /** Values the generated code reads (classes, tables, converters), passed in as `v0`, `v1`… */
    private readonly values: unknown[] = [];
    private readonly functionNames = new Map<GrammarAST.ParserRule, string>();
    private readonly toGenerate: GrammarAST.ParserRule[] = [];
    private readonly firstSets = new Map<GrammarAST.AbstractElement | GrammarAST.AbstractRule, Set<number>>();
    /** Fragments being inlined: a fragment that includes itself cannot be. */
    private readonly inlining = new Set<GrammarAST.ParserRule>();
    private temporaries = 0;

    constructor(private readonly services: LangiumCoreServices, private readonly lexer: LeanLexer, private readonly nodeBase: new () => object) {
        const definition = services.parser.Lexer.definition as Record<string, TokenType> | undefined;
        if (!definition || Array.isArray(definition)) throw new UnsupportedGrammar('a multi-mode lexer');
        this.tokenTypes = definition;
        this.converter = services.parser.ValueConverter;
        this.reflection = services.shared.AstReflection;
    }

    generate(): GeneratedParser {
        const entry = this.services.Grammar.rules.find(rule => GrammarAST.isParserRule(rule) && rule.entry) as GrammarAST.ParserRule | undefined;
        if (!entry) throw new UnsupportedGrammar('no entry rule');
        const entryName = this.functionOf(entry);
        const functions: string[] = [];
        for (let rule = this.toGenerate.shift(); rule; rule = this.toGenerate.shift()) functions.push(this.ruleFunction(rule));
        const code = `'use strict';\n${functions.join('\n')}\nreturn ${entryName};`;
        let compiled = compiledParsers.get(code);
        if (!compiled) {
            // Only the grammar's names and token indexes reach the code: strings through JSON.stringify.
            compiled = new Function(...this.values.map((_, index) => `v${index}`), code) as (...values: unknown[]) => GeneratedParser;
            compiledParsers.set(code, compiled);
        }
        return compiled(...this.values);
    }

    /** The name by which generated code reads `value`. */
    private value(value: unknown): string {
        let index = this.values.indexOf(value);
        if (index < 0) index = this.values.push(value) - 1;
        return `v${index}`;
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
            name = `rule${this.functionNames.size}_${rule.name.replace(/\W/g, '_')}`;
            this.functionNames.set(rule, name);
            this.toGenerate.push(rule);
        }
        return name;
    }

    /**
     * A data type rule's function returns its converted text; `source` is what its value
     * converter gets as the CST node (it only reads the call). Any other rule's returns its node
     * with the node's span, which stands in for the CST until one is built.
     */
    private ruleFunction(rule: GrammarAST.ParserRule): string {
        const name = this.functionNames.get(rule)!;
        if (GrammarUtils.isDataTypeRule(rule)) {
            return `function ${name}(c, source) {\nlet text = '';\n${this.element(rule.definition, { text: 'text' })}\nreturn ${this.value(this.conversion(rule))}(text, source);\n}`;
        }
        const [startKey, endKey] = [this.value(START), this.value(END)];
        return `function ${name}(c) {
let node = new ${this.value(this.nodeClass(rule))}();
const consumed = c.consumed, start = c.start;
${this.element(rule.definition, {})}
if (c.consumed > consumed) { node[${startKey}] = start; node[${endKey}] = c.previousEnd; }
else node[${startKey}] = node[${endKey}] = c.type === ${END_OF_INPUT} ? 0 : start;
return node;
}`;
    }

    /**
     * The class of `rule`'s nodes. Its constructor gives every property of the type a value, in
     * one order: optional properties `undefined`, lists `[]` and flags `false` (the defaults
     * Langium's parser gives). Performance: all nodes of a type then share one shape, allocated
     * at its final size; nodes that grew property by property cost four times as much to build,
     * and their varied shapes slowed every later walk over them.
     * The order is the grammar's, where Langium's parser orders a node's properties as the text
     * first assigns them. Walks visit a node's properties in its order: that changes the order in
     * which diagnostics are produced, not which; they are shown by position.
     */
    private nodeClass(rule: GrammarAST.ParserRule): new () => AstNode {
        const type = GrammarUtils.getTypeName(rule);
        const properties = this.reflection.getTypeMetaData(type).properties;
        const names = [...new Set([...assignedFeatures(rule), ...Object.keys(properties)])];
        const initial = (name: string): string => {
            const value = properties[name]?.defaultValue;
            if (Array.isArray(value) && value.length === 0) return '[]';
            if (value === undefined || typeof value === 'boolean' || typeof value === 'number') return String(value);
            throw new UnsupportedGrammar(`a default value ${JSON.stringify(value)} for ${type}.${name}`);
        };
        const fields = [
            `this.$type = ${JSON.stringify(type)};`, 'this.$container = undefined;', 'this.$containerProperty = undefined;', 'this.$containerIndex = undefined;',
            ...names.map(name => `this[${JSON.stringify(name)}] = ${initial(name)};`),
            'this[START] = 0;', 'this[END] = 0;'
        ];
        // A class per type, so V8 sizes each type's nodes apart.
        const code = `return class extends Base { constructor() { super(); ${fields.join(' ')} } };`;
        let classes = compiledNodeClasses.get(this.nodeBase);
        if (!classes) compiledNodeClasses.set(this.nodeBase, classes = new Map());
        let nodeClass = classes.get(code);
        if (!nodeClass) classes.set(code, nodeClass = new Function('Base', 'START', 'END', code)(this.nodeBase, START, END) as new () => AstNode);
        return nodeClass;
    }

    // ------------------------------------------------------------------ elements

    /** The code of `element` with its cardinality. */
    private element(element: GrammarAST.AbstractElement, target: Target): string {
        const once = this.once(element, target);
        if (!element.cardinality) return once;
        if (this.nullable(element, true)) throw new UnsupportedGrammar(`an optional element that can be empty in ${ruleName(element)}`);
        const next = this.startsWith(this.first(element));
        switch (element.cardinality) {
            case '?': return `if (${next}) {\n${once}\n}`;
            case '*': return `while (${next}) {\n${once}\n}`;
            case '+': return `do {\n${once}\n} while (${next});`;
        }
    }

    /** The code of `element` once, ignoring its cardinality. */
    private once(element: GrammarAST.AbstractElement, target: Target): string {
        if (GrammarAST.isGroup(element)) {
            if (element.guardCondition) throw new UnsupportedGrammar('a guarded group');
            return element.elements.map(part => this.element(part, target)).join('\n');
        }
        if (GrammarAST.isAlternatives(element)) return this.alternatives(element, target);
        if (GrammarAST.isAssignment(element)) {
            if (target.assignment) throw new UnsupportedGrammar('a nested assignment');
            if (GrammarAST.isCrossReference(element.terminal)) return this.crossReference(element, element.terminal);
            return this.element(element.terminal, { ...target, assignment: element });
        }
        if (GrammarAST.isKeyword(element)) return this.keyword(element, target);
        if (GrammarAST.isRuleCall(element)) return this.ruleCall(element, target);
        throw new UnsupportedGrammar(`${element.$type} in ${ruleName(element)}`);
    }

    private alternatives(element: GrammarAST.Alternatives, target: Target): string {
        // One token must decide: Langium's parser looks further ahead, so overlapping choices would diverge.
        const seen = new Set<number>();
        const cases = element.elements.map(choice => {
            if (this.nullable(choice, true)) throw new UnsupportedGrammar(`an alternative that can be empty in ${ruleName(element)}`);
            const first = [...this.first(choice)];
            for (const index of first) {
                if (seen.has(index)) throw new UnsupportedGrammar(`alternatives that start with the same token in ${ruleName(element)}`);
                seen.add(index);
            }
            return `${first.map(index => `case ${index}:`).join(' ')} {\n${this.element(choice, target)}\nbreak;\n}`;
        });
        return `switch (c.type) {\n${cases.join('\n')}\ndefault: throw ${this.value(GIVE_UP)};\n}`;
    }

    private keyword(keyword: GrammarAST.Keyword, target: Target): string {
        const indexes = this.lexer.matchesOf(this.tokenType(keyword.value));
        const expect = this.expect(indexes);
        // The token's text is the keyword, unless other token types are in the keyword's category.
        const image = indexes.length === 1 ? JSON.stringify(keyword.value) : 'c.image()';
        if (target.text) return `${expect}\n${target.text} += ${image};\nc.advance();`;
        if (!target.assignment) return `${expect}\nc.advance();`;
        const value = this.temporary();
        return `${expect}\nconst ${value} = ${image};\nc.advance();\n${this.assign(target.assignment, value)}`;
    }

    private ruleCall(call: GrammarAST.RuleCall, target: Target): string {
        const rule = call.rule.ref;
        if (!rule) throw new UnsupportedGrammar(`an unresolved rule in ${ruleName(call)}`);
        if (call.arguments.length) throw new UnsupportedGrammar(`a rule call with arguments in ${ruleName(call)}`);
        // What a value converter gets as its CST node: it only reads the call.
        const source = this.value({ grammarSource: call });
        if (GrammarAST.isTerminalRule(rule)) {
            const expect = this.expect(this.lexer.matchesOf(this.tokenType(rule.name)));
            if (!target.text && !target.assignment) return `${expect}\nc.advance();`;
            const value = this.temporary();
            const read = `${expect}\nconst ${value} = ${this.value(this.conversion(rule))}(c.image(), ${source});\nc.advance();`;
            return target.text ? `${read}\n${target.text} += String(${value});` : `${read}\n${this.assign(target.assignment!, value)}`;
        }
        if (!GrammarAST.isParserRule(rule)) throw new UnsupportedGrammar(`a call of ${rule.$type} in ${ruleName(call)}`);
        if (rule.fragment) {
            if (this.inlining.has(rule)) throw new UnsupportedGrammar(`the fragment ${rule.name} includes itself`);
            this.inlining.add(rule);
            const code = this.element(rule.definition, target);
            this.inlining.delete(rule);
            return code;
        }
        const parse = this.functionOf(rule);
        if (GrammarUtils.isDataTypeRule(rule)) {
            if (target.text) return `${target.text} += String(${parse}(c, ${source}));`;
            if (!target.assignment) return `${parse}(c, ${source});`;
            const value = this.temporary();
            return `const ${value} = ${parse}(c, ${source});\n${this.assign(target.assignment, value)}`;
        }
        if (target.text) throw new UnsupportedGrammar(`a call of ${rule.name} in a data type rule`);
        // An unassigned call (`Element: Channel | Persona`): the called rule's node replaces the current one.
        if (!target.assignment) return `node = ${this.value(adopt)}(node, ${parse}(c));`;
        // The child's container, as Langium's `linkContentToContainer` sets it after a parse.
        const { feature, operator } = target.assignment;
        const child = this.temporary();
        const index = operator === '+=' ? `\n${child}.$containerIndex = (node${property(feature)} ??= []).length;` : '';
        return `const ${child} = ${parse}(c);\n${child}.$container = node;\n${child}.$containerProperty = ${JSON.stringify(feature)};${index}\n${this.assign(target.assignment, child)}`;
    }

    /** `owner=[Team:ID]`: the reference text is read as a data type rule would read it, then linked later. */
    private crossReference(assignment: GrammarAST.Assignment, crossReference: GrammarAST.CrossReference): string {
        if (crossReference.isMulti) throw new UnsupportedGrammar(`a multi-target reference in ${ruleName(assignment)}`);
        if (!crossReference.terminal) throw new UnsupportedGrammar(`a reference without terminal in ${ruleName(assignment)}`);
        const text = this.temporary();
        const linker = this.value(this.services.references.Linker);
        const reference = `${linker}.buildReference(node, ${JSON.stringify(assignment.feature)}, undefined, ${text})`;
        return `let ${text} = '';\n${this.element(crossReference.terminal, { text })}\n${this.assign(assignment, reference)}`;
    }

    /** Writes a value as Langium's parser does; a single-valued property or a flag written twice leaves the fast path. */
    private assign(assignment: GrammarAST.Assignment, value: string): string {
        const slot = `node${property(assignment.feature)}`;
        switch (assignment.operator) {
            // `false` is a flag's initial value (nodeClass); Langium's parser overwrites it too.
            case '=': return `if (${slot} !== undefined && ${slot} !== false) throw ${this.value(GIVE_UP)};\n${slot} = ${value};`;
            // A flag written twice too: the repeated-property check reads the CST.
            case '?=': return `if (${slot} === true) throw ${this.value(GIVE_UP)};\n${slot} = true;`;
            case '+=': return `(${slot} ??= []).push(${value});`;
        }
    }

    /**
     * The value converter of `rule`: what `ValueConverter.convert` does for a call of `rule`,
     * without looking the rule up from the CST node on every token.
     */
    private conversion(rule: GrammarAST.AbstractRule): (input: string, source: CstNode) => ValueType {
        const converter = this.converter as unknown as { runConverter?: (rule: GrammarAST.AbstractRule, input: string, source: CstNode) => ValueType };
        if (converter instanceof DefaultValueConverter && typeof converter.runConverter === 'function') {
            return (input, source) => converter.runConverter!(rule, input, source);
        }
        return (input, source) => this.converter.convert(input, source);
    }

    // ------------------------------------------------------------------ tokens

    private tokenType(name: string): TokenType {
        const type = this.tokenTypes[name];
        if (!type) throw new UnsupportedGrammar(`no token for '${name}'`);
        return type;
    }

    /** A test of whether the current token's type is one of `indexes`. */
    private startsWith(indexes: Iterable<number>): string {
        const list = [...indexes];
        if (list.length <= 4) return list.length ? list.map(index => `c.type === ${index}`).join(' || ') : 'false';
        const table: boolean[] = [];
        for (const index of list) table[index] = true;
        return `${this.value(table)}[c.type] === true`;
    }

    /** Leaves the fast path unless the current token's type is one of `indexes`. */
    private expect(indexes: number[]): string {
        return `if (!(${this.startsWith(indexes)})) throw ${this.value(GIVE_UP)};`;
    }

    // ------------------------------------------------------------------ grammar analysis

    /** Token type indexes that can start `element`. */
    private first(element: GrammarAST.AbstractElement | GrammarAST.AbstractRule): Set<number> {
        const known = this.firstSets.get(element);
        if (known) return known;
        const first = new Set<number>();
        this.firstSets.set(element, first); // left recursion would stop here; the grammar has none
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

/** `[name]`: a property access the generated code can hold whatever the name. */
function property(name: string): string {
    return `[${JSON.stringify(name)}]`;
}

/**
 * An unassigned call's result takes what the calling rule had already assigned, as Langium's
 * parser does (lists joined, the caller's items first).
 */
function adopt(node: Record<string, unknown>, result: Record<string, unknown>): Record<string, unknown> {
    for (const [name, value] of Object.entries(node)) {
        // Initial values (nodeClass) were not written by the text.
        if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue;
        const own = result[name];
        if (own === undefined) result[name] = value;
        else if (Array.isArray(own) && Array.isArray(value)) result[name] = [...value, ...own];
    }
    return result;
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

function ruleName(element: GrammarAST.AbstractElement | GrammarAST.AbstractRule): string {
    return AstUtils.getContainerOfType(element, GrammarAST.isParserRule)?.name ?? 'the grammar';
}
