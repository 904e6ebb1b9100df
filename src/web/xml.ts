/** Text for XML documents (OAI-PMH, Atom): the five special characters as references, and characters XML 1.0
 * cannot carry at all (control characters, U+FFFE/U+FFFF) dropped — they come from PDFs written by strangers. */
export function escapeXml(text: string): string {
  return text
    .replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}
