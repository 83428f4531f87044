/**
 * The purchase order as a PDF for the supplier: who orders and where to ship, the order's number
 * and dates, one row per line (our SKU, the supplier's SKU, title, quantity, unit cost, line
 * total), the totals and the notes. Lines run onto further pages, each repeating the table header
 * and numbered "Page n of m". Built from the document presenter's data plus what a supplier needs
 * that the document only names by id. Pure.
 */
import type { Address } from "../values";
import { A4, PdfPage, fitText, serializePdf, wrapText, type TextStyle } from "./pdf-writer";
import type { PurchaseOrderDocument } from "./schemas";

export type PurchaseOrderSheet = {
  storeName: string;
  /** The order's shipping address, else the receiving location's. */
  shipTo: Address;
  supplier: { name: string; contactName: string | null; email: string | null };
  /** The order date, or the store's date of sending when the order has none. */
  orderDate: string;
  order: PurchaseOrderDocument;
  /** By line id: the title a supplier recognises, and the supplier's SKU when the link has one. */
  lineDetails: ReadonlyMap<string, { title: string; supplierSku: string | null }>;
};

const MARGIN = 40;
const RIGHT = A4.width - MARGIN;
const TOP = A4.height - MARGIN;
const FOOTER_Y = 24;
/** Below this the footer begins; content never goes lower. */
const BOTTOM = 48;
const ROW_HEIGHT = 14;
const BODY: TextStyle = { size: 9 };
const BOLD: TextStyle = { size: 9, font: "bold" };

/** Table columns between their left and right edges; figures align to the right edge. */
const COLUMNS = [
  { heading: "SKU", left: MARGIN, right: 118, numeric: false },
  { heading: "Supplier SKU", left: 122, right: 200, numeric: false },
  { heading: "Item", left: 204, right: 380, numeric: false },
  { heading: "Qty", left: 384, right: 420, numeric: true },
  { heading: "Unit cost", left: 424, right: 488, numeric: true },
  { heading: "Line total", left: 492, right: RIGHT, numeric: true },
] as const;

export function renderPurchaseOrderPdf(sheet: PurchaseOrderSheet): Uint8Array {
  const { order } = sheet;
  const pages: PdfPage[] = [];
  let page = new PdfPage();
  let y = 0;
  const newPage = (continued: boolean) => {
    page = new PdfPage();
    pages.push(page);
    if (continued) {
      page.text(MARGIN, TOP - 12, `Purchase order ${order.number} (continued)`, { size: 12, font: "bold" });
      y = TOP - 34;
    }
  };
  /** Starts a new page when `height` more points do not fit on this one. */
  const room = (height: number, onNewPage?: () => void) => {
    if (y - height >= BOTTOM) return;
    newPage(true);
    onNewPage?.();
  };

  newPage(false);
  y = drawHeading(page, sheet);

  const tableHeader = () => {
    page.shade(MARGIN - 4, y - 4, RIGHT - MARGIN + 8, ROW_HEIGHT, 0.92);
    for (const column of COLUMNS) page.text(column.numeric ? column.right : column.left, y, column.heading, { ...BOLD, align: column.numeric ? "right" : "left" });
    y -= ROW_HEIGHT + 2;
  };
  tableHeader();
  for (const line of order.lines) {
    room(ROW_HEIGHT, tableHeader);
    const detail = sheet.lineDetails.get(line.id);
    const cells = [line.sku ?? "", detail?.supplierSku ?? "", detail?.title ?? line.customTitle ?? "", String(line.ordered), formatMoney(line.unitCost.amount, order.currency), formatMoney(line.lineTotal.amount, order.currency)];
    COLUMNS.forEach((column, i) => {
      const text = fitText(cells[i] ?? "", "regular", BODY.size, column.right - column.left);
      page.text(column.numeric ? column.right : column.left, y, text, { ...BODY, align: column.numeric ? "right" : "left" });
    });
    page.rule(MARGIN - 4, y - 4, RIGHT + 4, y - 4, 0.25);
    y -= ROW_HEIGHT;
  }

  const totals: [string, string, TextStyle][] = [
    ["Subtotal", formatMoney(order.totals.subtotal.amount, order.currency), BODY],
    [`Tax (${order.taxRate}%)`, formatMoney(order.totals.tax.amount, order.currency), BODY],
    ["Shipping", formatMoney(order.shippingCost.amount, order.currency), BODY],
    [`Total (${order.currency})`, formatMoney(order.totals.total.amount, order.currency), { size: 11, font: "bold" }],
  ];
  y -= 6;
  room(totals.length * ROW_HEIGHT + 4);
  for (const [label, value, style] of totals) {
    page.text(460, y, label, { ...style, align: "right" });
    page.text(RIGHT, y, value, { ...style, align: "right" });
    y -= ROW_HEIGHT;
  }

  if (order.notes.trim()) {
    y -= 10;
    room(ROW_HEIGHT * 2);
    page.text(MARGIN, y, "Notes", BOLD);
    y -= ROW_HEIGHT;
    for (const text of wrapText(order.notes, "regular", BODY.size, RIGHT - MARGIN)) {
      room(12);
      page.text(MARGIN, y, text, BODY);
      y -= 12;
    }
  }

  pages.forEach((each, i) => {
    each.rule(MARGIN, FOOTER_Y + 12, RIGHT, FOOTER_Y + 12, 0.25);
    each.text(MARGIN, FOOTER_Y, fitText(sheet.storeName, "regular", 8, 300), { size: 8 });
    each.text(RIGHT, FOOTER_Y, `${order.number} \u00b7 Page ${i + 1} of ${pages.length}`, { size: 8, align: "right" });
  });
  return serializePdf(pages, A4, { title: `Purchase order ${order.number}` });
}

/** The attachment's file name: the order number, with anything unsafe in a file name replaced. */
export function purchaseOrderPdfFileName(number: string): string {
  return `${number.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`;
}

/** The first page's heading and the supplier and ship-to blocks; returns where the table starts. */
function drawHeading(page: PdfPage, sheet: PurchaseOrderSheet): number {
  const { order } = sheet;
  page.text(MARGIN, TOP - 16, "PURCHASE ORDER", { size: 18, font: "bold" });
  page.text(RIGHT, TOP - 16, order.number, { size: 18, font: "bold", align: "right" });
  page.text(MARGIN, TOP - 34, fitText(sheet.storeName, "bold", 11, 300), { size: 11, font: "bold" });
  const facts: [string, string][] = [
    ["Order date", sheet.orderDate],
    ["Expected delivery", order.expectedDeliveryDate ?? "Not set"],
    ["Currency", order.currency],
  ];
  let factY = TOP - 34;
  for (const [label, value] of facts) {
    page.text(RIGHT - 90, factY, `${label}:`, { ...BODY, align: "right" });
    page.text(RIGHT, factY, value, { ...BODY, align: "right" });
    factY -= 12;
  }

  const blockTop = TOP - 88;
  const supplierLines = [sheet.supplier.name, sheet.supplier.contactName, sheet.supplier.email].filter((text): text is string => !!text);
  const blockBottom = Math.min(drawBlock(page, MARGIN, blockTop, "Supplier", supplierLines), drawBlock(page, A4.width / 2, blockTop, "Ship to", addressLines(sheet.shipTo)));
  return blockBottom - 20;
}

/** A titled block of lines at `x`; returns the y below its last line. */
function drawBlock(page: PdfPage, x: number, top: number, title: string, lines: string[]): number {
  const width = A4.width / 2 - MARGIN - 10;
  page.text(x, top, title.toUpperCase(), { size: 8, font: "bold" });
  let y = top - 14;
  for (const line of lines) {
    page.text(x, y, fitText(line, "regular", 10, width), { size: 10 });
    y -= 13;
  }
  return y;
}

/** An address as the lines of a label, empty parts left out. */
export function addressLines(address: Address): string[] {
  const place = [address.city, address.province, address.postalCode].filter(Boolean).join(" ");
  return [address.name, address.company, address.address1, address.address2, place, address.countryCode, address.phone].filter((text): text is string => !!text);
}

// Built once: a formatter costs far more to make than to use, and a long order prints hundreds of amounts.
const GROUPED = new Intl.NumberFormat("en-US");
const decimalsByCurrency = new Map<string, number>();

/** An amount in minor units as `1,234.56`, with the currency's own number of decimals. */
export function formatMoney(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const magnitude = Math.abs(amount);
  const scale = 10 ** decimals;
  const fraction = decimals ? `.${String(magnitude % scale).padStart(decimals, "0")}` : "";
  return `${amount < 0 ? "-" : ""}${GROUPED.format(Math.floor(magnitude / scale))}${fraction}`;
}

function currencyDecimals(currency: string): number {
  let decimals = decimalsByCurrency.get(currency);
  if (decimals === undefined) {
    decimals = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    decimalsByCurrency.set(currency, decimals);
  }
  return decimals;
}
