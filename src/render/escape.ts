/**
 * Text from journey files is never markup: every string written into HTML or SVG goes
 * through one of these functions.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML/SVG element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
    return String(text ?? '').replace(/[&<>"']/g, c => ENTITIES[c]);
}

/** JSON for a `<script type="application/json">` element: `<` cannot end the element. */
export function jsonForScript(value: unknown): string {
    return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
