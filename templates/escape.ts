// Text into HTML or XML markup (element text and quoted attributes): the one escape every writer of markup uses.
export const escapeMarkup = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
