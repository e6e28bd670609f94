import { DefaultValueConverter, GrammarUtils, ValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import type { RuleConversions } from './lean/lean-runtime.js';

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

/**
 * Strings without escapes become a slice of their token. Performance and memory: Langium's
 * default builds each string character by character, leaving a chain of one cons string per
 * character (~1 KB for a 30-character title; a fifth of the heap of a checked workspace).
 * Escapes are read as Langium reads them.
 */
function convertString(input: string): string {
    const inner = input.slice(1, -1);
    return inner.includes('\\') ? inner.replace(/\\([\s\S])/g, (_, char: string) => ESCAPES[char] ?? char) : inner;
}

/**
 * Langium's conversions, chosen once per rule. Performance: Langium chooses on every token,
 * upper-casing the rule's name and looking up its type each time.
 */
export class JourneyValueConverter extends DefaultValueConverter implements RuleConversions {
    private readonly byRule = new Map<GrammarAST.AbstractRule, (input: string) => ValueType>();

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, _cstNode: CstNode): ValueType {
        return this.conversionOf(rule)(input);
    }

    /** The conversion of `rule`'s values, for the lean parser to call directly. */
    conversionOf(rule: GrammarAST.AbstractRule): (input: string) => ValueType {
        let convert = this.byRule.get(rule);
        if (!convert) this.byRule.set(rule, convert = conversionOf(rule));
        return convert;
    }
}

/** The conversion Langium's `runConverter` applies for `rule`: by its name, else by its type. */
function conversionOf(rule: GrammarAST.AbstractRule): (input: string) => ValueType {
    switch (rule.name.toUpperCase()) {
        case 'INT': return ValueConverter.convertInt;
        case 'STRING': return convertString;
        case 'ID': return ValueConverter.convertID;
    }
    switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
        case 'number': return ValueConverter.convertNumber;
        case 'boolean': return ValueConverter.convertBoolean;
        case 'bigint': return ValueConverter.convertBigint;
        case 'date': return ValueConverter.convertDate;
        default: return input => input;
    }
}
