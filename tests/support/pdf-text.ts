/**
 * Reads a PDF back with pdf-lib (its cross-reference table, page tree and content streams) and
 * collects the strings each page shows, one per text-showing operator, decoded from WinAnsi.
 */
import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream, type PDFStream } from "pdf-lib";

export type PdfReading = { pageCount: number; title: string | undefined; pages: string[][] };

export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = document.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? Array.from({ length: contents.size() }, (_, i) => contents.lookup(i)) : [contents];
    return streams.flatMap((stream) => shownStrings(contentBytes(stream)));
  });
  return { pageCount: document.getPageCount(), title: document.getTitle(), pages };
}

function contentBytes(stream: unknown): Uint8Array {
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  throw new Error(`unexpected page contents: ${String(stream as PDFStream | undefined)}`);
}

const WIN_ANSI = new TextDecoder("windows-1252");

/** The operands of `Tj`: hex strings `<48656c6c6f>` and literal strings `(Hello)`. */
function shownStrings(content: Uint8Array): string[] {
  const text = Buffer.from(content).toString("latin1");
  return Array.from(text.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g), (match) => {
    if (match[1] !== undefined) return WIN_ANSI.decode(Buffer.from(match[1].replace(/\s+/g, ""), "hex"));
    const literal = (match[2] ?? "").replace(/\\([()\\])/g, "$1").replace(/\\([0-7]{1,3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
    return WIN_ANSI.decode(Buffer.from(literal, "latin1"));
  });
}
