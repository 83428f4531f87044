/**
 * A small PDF 1.4 writer: pages of text, rules and shaded boxes in the two standard fonts,
 * serialised by hand. It is synchronous on purpose: a purchase order's PDF is built inside the
 * send's database transaction, which cannot wait on a promise. Content streams are left
 * uncompressed and text is written as hex strings, so the file is plain ASCII and its byte offsets
 * are its character offsets. Pure.
 */
import { PDF_FONT_NAMES, encodeWinAnsi, widthOfCodes, type PdfFont } from "./pdf-fonts";

export type PageSize = { width: number; height: number };
export const A4: PageSize = { width: 595.28, height: 841.89 };

export type TextStyle = { font?: PdfFont; size: number; align?: "left" | "right" | "center" };

const ELLIPSIS = "\u2026";

export function textWidth(text: string, font: PdfFont, size: number): number {
  return widthOfCodes(encodeWinAnsi(text), font, size);
}

/** `text` cut to fit `maxWidth`, ending in an ellipsis when anything was cut. */
export function fitText(text: string, font: PdfFont, size: number, maxWidth: number): string {
  if (textWidth(text, font, size) <= maxWidth) return text;
  const room = maxWidth - textWidth(ELLIPSIS, font, size);
  let kept = "";
  let width = 0;
  for (const char of text) {
    width += textWidth(char, font, size);
    if (width > room) break;
    kept += char;
  }
  return kept ? kept.trimEnd() + ELLIPSIS : "";
}

/** `text` broken into lines no wider than `maxWidth`: at its own line breaks, then between words. */
export function wrapText(text: string, font: PdfFont, size: number, maxWidth: number): string[] {
  return text.split(/\r?\n/).flatMap((paragraph) => {
    const space = textWidth(" ", font, size);
    const lines: string[] = [];
    let line = "";
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = textWidth(word, font, size);
      if (line && lineWidth + space + wordWidth <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      // A single word wider than the line (a long URL) is cut rather than overflowing the page.
      line = wordWidth <= maxWidth ? word : fitText(word, font, size, maxWidth);
      lineWidth = textWidth(line, font, size);
    }
    lines.push(line);
    return lines;
  });
}

/** One page's drawing operators, in PDF user space (points, origin at the bottom left). */
export class PdfPage {
  readonly operators: string[] = [];

  text(x: number, y: number, text: string, style: TextStyle): void {
    const font = style.font ?? "regular";
    const codes = encodeWinAnsi(text);
    const width = widthOfCodes(codes, font, style.size);
    const left = style.align === "right" ? x - width : style.align === "center" ? x - width / 2 : x;
    const hex = codes.map((code) => code.toString(16).padStart(2, "0")).join("");
    this.operators.push(`BT /${PDF_FONT_NAMES[font].resource} ${num(style.size)} Tf ${num(left)} ${num(y)} Td <${hex}> Tj ET`);
  }

  rule(x1: number, y1: number, x2: number, y2: number, lineWidth = 0.5): void {
    this.operators.push(`${num(lineWidth)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  /** A filled rectangle in a shade of grey (0 black, 1 white); drawing colour returns to black. */
  shade(x: number, y: number, width: number, height: number, grey: number): void {
    this.operators.push(`${num(grey)} g ${num(x)} ${num(y)} ${num(width)} ${num(height)} re f 0 g`);
  }
}

/** The whole file. Objects: 1 catalog, 2 page tree, 3–4 fonts, 5 document info, then page and contents pairs. */
export function serializePdf(pages: readonly PdfPage[], size: PageSize, info: { title: string }): Uint8Array {
  const fonts = Object.values(PDF_FONT_NAMES);
  const pageObject = (index: number) => 6 + index * 2;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObject(i)} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    ...fonts.map((font) => `<< /Type /Font /Subtype /Type1 /BaseFont /${font.baseFont} /Encoding /WinAnsiEncoding >>`),
    `<< /Title ${utf16Hex(info.title)} /Producer (Logistified) >>`,
    ...pages.flatMap((page, i) => {
      const content = page.operators.join("\n");
      const fontResources = fonts.map((font, f) => `/${font.resource} ${3 + f} 0 R`).join(" ");
      return [
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(size.width)} ${num(size.height)}] /Resources << /Font << ${fontResources} >> >> /Contents ${pageObject(i) + 1} 0 R >>`,
        `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      ];
    }),
  ];
  let file = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const offset = file.length;
    file += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = file.length;
  // Each cross-reference entry is exactly 20 bytes, its end-of-line included.
  file += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  file += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(file);
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A text string in UTF-16BE with its byte-order mark, as PDF wants for non-Latin text in metadata. */
function utf16Hex(text: string): string {
  const units = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i).toString(16).padStart(4, "0"));
  return `<FEFF${units.join("")}>`;
}
