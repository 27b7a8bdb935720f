/**
 * Callers that join separate stretches of text (table cells, blocks) put this between them: no name runs across
 * it. A module of its own so that code which only joins text (the content script) does not load the matcher.
 */
export const PARAGRAPH_SEPARATOR = '\u2029';
