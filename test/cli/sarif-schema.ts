/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it in the npm package
 * @microsoft/jest-sarif (sarif-2.1.0-rtm.5.json, the schema SchemaStore publishes for 2.1.0),
 * compiled by Ajv for draft-04 with string formats checked.
 */
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// The schema's `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) has a stray `]`
// that only non-Unicode regular expressions accept, as the schema's authors' validators did.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about `log`, empty when it is a valid SARIF 2.1.0 log. */
export function sarifErrors(log: unknown): string[] {
    return validate(log) ? [] : (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}`);
}
