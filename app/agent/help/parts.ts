/**
 * Reading a help page in parts (spec/agent-access.md §6.4): at most 8,000 characters per answer,
 * and the offset to continue from. Parts end at a line break where one falls in the part's second
 * half, so Markdown is rarely cut mid-line; concatenating the parts always rebuilds the page exactly.
 * Pure.
 */
export const HELP_PART_MAX_CHARS = 8_000;

export type HelpPagePart = {
  markdown: string;
  offset: number;
  /** Where the next part starts; null on the last part. */
  nextOffset: number | null;
  totalChars: number;
};

export type HelpPartRequest = { ok: true; part: HelpPagePart } | { ok: false; problem: string };

export function helpPagePart(markdown: string, offset: number, maxChars: number = HELP_PART_MAX_CHARS): HelpPartRequest {
  const totalChars = markdown.length;
  if (!Number.isInteger(offset) || offset < 0 || (offset >= totalChars && offset !== 0)) {
    return { ok: false, problem: `offset must be a whole number from 0 to ${Math.max(totalChars - 1, 0)} for this page (${totalChars} characters)` };
  }
  if (totalChars - offset <= maxChars) {
    return { ok: true, part: { markdown: markdown.slice(offset), offset, nextOffset: null, totalChars } };
  }
  const end = partEnd(markdown, offset, maxChars);
  return { ok: true, part: { markdown: markdown.slice(offset, end), offset, nextOffset: end, totalChars } };
}

function partEnd(markdown: string, offset: number, maxChars: number): number {
  const hardEnd = offset + maxChars;
  const lastBreak = markdown.lastIndexOf("\n", hardEnd - 1);
  if (lastBreak >= offset + maxChars / 2) return lastBreak + 1;
  // No line break late enough: cut at the limit, but never between the halves of a surrogate pair.
  const code = markdown.charCodeAt(hardEnd - 1);
  return code >= 0xd800 && code <= 0xdbff ? hardEnd - 1 : hardEnd;
}
