/**
 * Searching help pages for `read_docs`: keyword scoring over titles and bodies. No I/O; it ranks only
 * the pages it is handed, so a scope's hidden pages can neither appear nor shift the scores.
 *
 * A page scores, for each query term it holds, the term's rarity (idf) times a title weight plus a
 * saturating body frequency (BM25). Two multipliers then favour the page a question is about: the
 * share of the query's terms the page holds at all, and how much of the page's own title the query
 * names. So "receive purchase order" ranks "Purchase orders" above pages that mention receiving
 * purchase orders among other things.
 */
import type { HelpPage } from "./front-matter";

export type HelpSearchHit = { id: string; title: string; snippet: string };

export const HELP_SEARCH_MAX_RESULTS = 10;
const SNIPPET_MAX_CHARS = 240;
/** Words kept before the first match, so a snippet reads as a phrase. */
const SNIPPET_LEAD_IN_WORDS = 8;

const TITLE_WEIGHT = 3;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

const STOP_WORDS = new Set(
  "a an and are as at be by can could do does for from how i if in into is it its me my not of on or our should so that the their them then there this to up use was we what when where which who why will with would you your".split(" "),
);

type IndexedPage = {
  page: HelpPage;
  titleTerms: Set<string>;
  bodyCounts: Map<string, number>;
  bodyLength: number;
  passages: { text: string; terms: ReadonlySet<string> }[];
};

export function searchHelpPages(pages: readonly HelpPage[], query: string, limit: number = HELP_SEARCH_MAX_RESULTS): HelpSearchHit[] {
  const terms = [...new Set(termsOf(query))];
  if (terms.length === 0) return [];
  const indexed = indexOf(pages);
  const averageLength = indexed.reduce((sum, page) => sum + page.bodyLength, 0) / Math.max(indexed.length, 1);
  const idf = new Map(terms.map((term) => [term, inverseDocumentFrequency(indexed, term)]));

  return indexed
    .map((page) => ({ page, score: scoreOf(page, terms, idf, averageLength) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.page.page.id.localeCompare(b.page.page.id))
    .slice(0, limit)
    .map(({ page }) => ({ id: page.page.id, title: page.page.title, snippet: snippetOf(page, terms, idf) }));
}

/** Words as the index sees them: camelCase and snake_case split, lowercased, stop words dropped, plurals and tenses folded. */
export function termsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map(stem);
}

/** A light suffix folding, enough that receive, receives, received and receiving meet. */
function stem(word: string): string {
  if (/^\d+$/.test(word)) return word;
  let stemmed = word;
  if (stemmed.endsWith("ies") && stemmed.length > 4) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith("ing") && stemmed.length > 5) stemmed = undoubled(stemmed.slice(0, -3));
  else if (stemmed.endsWith("ed") && stemmed.length > 4) stemmed = undoubled(stemmed.slice(0, -2));
  else if (stemmed.endsWith("s") && stemmed.length > 3 && !/(ss|us|is)$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  if (stemmed.endsWith("e") && stemmed.length > 3) stemmed = stemmed.slice(0, -1);
  return stemmed;
}

/** "shipp" from "shipped" and "cancell" from "cancelled" back to "ship" and "cancel". */
function undoubled(word: string): string {
  const last = word.at(-1);
  return last !== undefined && word.at(-2) === last && !"sz".includes(last) && !"aeiou".includes(last) ? word.slice(0, -1) : word;
}

/** Pages are fixed per release, so each set is indexed once. */
const INDEXES = new WeakMap<readonly HelpPage[], readonly IndexedPage[]>();

function indexOf(pages: readonly HelpPage[]): readonly IndexedPage[] {
  const known = INDEXES.get(pages);
  if (known) return known;
  const indexed = pages.map(indexPage);
  INDEXES.set(pages, indexed);
  return indexed;
}

function indexPage(page: HelpPage): IndexedPage {
  const bodyTerms = termsOf(page.markdown);
  const bodyCounts = new Map<string, number>();
  for (const term of bodyTerms) bodyCounts.set(term, (bodyCounts.get(term) ?? 0) + 1);
  return {
    page,
    titleTerms: new Set([...termsOf(page.title), ...termsOf(page.id)]),
    bodyCounts,
    bodyLength: bodyTerms.length,
    passages: passagesOf(page.markdown).map((text) => ({ text, terms: new Set(termsOf(text)) })),
  };
}

function inverseDocumentFrequency(pages: readonly IndexedPage[], term: string): number {
  const holding = pages.filter((page) => page.titleTerms.has(term) || page.bodyCounts.has(term)).length;
  return Math.log(1 + (pages.length - holding + 0.5) / (holding + 0.5));
}

function scoreOf(page: IndexedPage, terms: readonly string[], idf: ReadonlyMap<string, number>, averageLength: number): number {
  let score = 0;
  let held = 0;
  let titleTermsNamed = 0;
  for (const term of terms) {
    const inTitle = page.titleTerms.has(term);
    const count = page.bodyCounts.get(term) ?? 0;
    if (!inTitle && count === 0) continue;
    held += 1;
    if (inTitle) titleTermsNamed += 1;
    const lengthNorm = 1 - BM25_B + (BM25_B * page.bodyLength) / Math.max(averageLength, 1);
    const body = (count * (BM25_K1 + 1)) / (count + BM25_K1 * lengthNorm);
    score += (idf.get(term) ?? 0) * ((inTitle ? TITLE_WEIGHT : 0) + body);
  }
  if (held === 0) return 0;
  const queryCoverage = held / terms.length;
  const titleFocus = titleTermsNamed / Math.max(page.titleTerms.size, 1);
  return score * queryCoverage * (1 + titleFocus);
}

/** Lines worth quoting: prose, list items and table rows, without code, rules or table separators. */
function passagesOf(markdown: string): string[] {
  const passages: string[] = [];
  let inCode = false;
  for (const line of markdown.split("\n")) {
    if (line.trimStart().startsWith("```")) {
      inCode = !inCode;
      continue;
    }
    const text = plainText(line);
    if (!inCode && text.length > 0 && !/^[-|:\s]+$/.test(line)) passages.push(text);
  }
  return passages;
}

function plainText(line: string): string {
  return line
    .replace(/^\s*(#+|[-*]|\d+\.)\s+/, "")
    .replace(/\s*\|\s*/g, " | ")
    .replace(/^\|\s*|\s*\|$/g, "")
    .replace(/[`*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The passage holding the most (and rarest) query terms, cut around its first match. */
function snippetOf(page: IndexedPage, terms: readonly string[], idf: ReadonlyMap<string, number>): string {
  let best = page.passages.find((passage) => !passage.text.startsWith(page.page.title))?.text ?? "";
  let bestScore = 0;
  for (const passage of page.passages) {
    const score = terms.reduce((sum, term) => sum + (passage.terms.has(term) ? (idf.get(term) ?? 0) : 0), 0);
    if (score > bestScore) {
      best = passage.text;
      bestScore = score;
    }
  }
  return cutAround(best, terms);
}

function cutAround(passage: string, terms: readonly string[]): string {
  if (passage.length <= SNIPPET_MAX_CHARS) return passage;
  const words = passage.split(" ");
  const first = Math.max(0, words.findIndex((word) => termsOf(word).some((term) => terms.includes(term))));
  const leadIn = Math.max(0, first - SNIPPET_LEAD_IN_WORDS);
  const start = words.slice(leadIn, first).join(" ").length > SNIPPET_MAX_CHARS / 2 ? first : leadIn;
  const snippet = words.slice(start).join(" ");
  const clipped = snippet.length > SNIPPET_MAX_CHARS ? `${snippet.slice(0, SNIPPET_MAX_CHARS - 2).replace(/\s+\S*$/, "")} …` : snippet;
  return start > 0 ? `… ${clipped}` : clipped;
}
