/** Document reads (purchase orders, transfer orders, stock takes, supplier returns): the documents as the domain presents them. */
import {
  ACTIVITY_ENTRIES_ON_GET,
  getPurchaseOrder,
  getStockTake,
  getSupplierReturn,
  getTransferOrder,
  listPurchaseOrders,
  listStockTakes,
  listSupplierReturns,
  listTransferOrders,
  PurchaseOrderWithActivity,
  PurchaseOrderFilters,
  PurchaseOrderSummary,
  StockTakeWithActivity,
  StockTakeFilters,
  StockTakeSummary,
  SupplierReturnWithActivity,
  SupplierReturnFilters,
  SupplierReturnSummary,
  TransferOrderWithActivity,
  TransferOrderFilters,
  TransferOrderSummary,
} from "../inventory/index.server";
import { listAndGet } from "./lists.server";

const ACTIVITY = `activity (\`activity\`: the latest ${ACTIVITY_ENTRIES_ON_GET} entries, oldest first, each with actor, operation, summary, field changes and inventory effects; \`activityCount\`: all entries)`;

export const documentReadOperations = [
  ...listAndGet({
    area: "purchaseOrders",
    noun: "purchase order",
    listDescription:
      "List purchase orders, newest first, without lines. Filter by `status` (one or more), `supplierId`, `locationId` (where goods are received), `sku`, `search` (number, name, SKU or custom line title), `createdFrom` (inclusive) and `createdTo` (exclusive). Dates are ISO dates (the start of that day in the store's timezone) or date-times.",
    getDescription: `Get one purchase order with its lines, payments, credit applications, totals and ${ACTIVITY}.`,
    filters: PurchaseOrderFilters,
    summary: PurchaseOrderSummary,
    document: PurchaseOrderWithActivity,
    list: (shopId, filters, page, now) => listPurchaseOrders(shopId, filters, page, { now }),
    get: (shopId, id) => getPurchaseOrder(shopId, id),
  }),
  ...listAndGet({
    area: "transferOrders",
    noun: "transfer order",
    listDescription:
      "List transfer orders between locations, newest first, without lines. Filter by `status`, `originLocationId`, `destinationLocationId`, `locationId` (either end), `sku`, `search`, `createdFrom` (inclusive) and `createdTo` (exclusive). Dates are ISO dates (the start of that day in the store's timezone) or date-times.",
    getDescription: `Get one transfer order with its lines (planned, received, in transit, shortfall) and ${ACTIVITY}.`,
    filters: TransferOrderFilters,
    summary: TransferOrderSummary,
    document: TransferOrderWithActivity,
    list: (shopId, filters, page, now) => listTransferOrders(shopId, filters, page, { now }),
    get: (shopId, id) => getTransferOrder(shopId, id),
  }),
  ...listAndGet({
    area: "stockTakes",
    noun: "stock take",
    listDescription: "List stock takes (inventory counts at one location), newest first, without lines. Filter by `status`, `locationId`, `sku`, `search`, `createdFrom` (inclusive) and `createdTo` (exclusive). Dates are ISO dates (the start of that day in the store's timezone) or date-times.",
    getDescription: `Get one stock take with its lines (expected snapshot, counted, variance, count reason, applied delta), the value totals and ${ACTIVITY}.`,
    filters: StockTakeFilters,
    summary: StockTakeSummary,
    document: StockTakeWithActivity,
    list: (shopId, filters, page, now) => listStockTakes(shopId, filters, page, { now }),
    get: (shopId, id) => getStockTake(shopId, id),
  }),
  ...listAndGet({
    area: "supplierReturns",
    noun: "supplier return",
    listDescription:
      "List returns of goods to suppliers (RMAs), newest first, without lines. Filter by `status`, `supplierId`, `locationId` (where units ship from), `purchaseOrderId` (the source PO), `createdFrom` (inclusive) and `createdTo` (exclusive). Dates are ISO dates (the start of that day in the store's timezone) or date-times.",
    getDescription: `Get one supplier return with its lines (quantity, reason, condition, disposition), shipment, the credit recorded on resolution and ${ACTIVITY}.`,
    filters: SupplierReturnFilters,
    summary: SupplierReturnSummary,
    document: SupplierReturnWithActivity,
    list: (shopId, filters, page, now) => listSupplierReturns(shopId, filters, page, { now }),
    get: (shopId, id) => getSupplierReturn(shopId, id),
  }),
];
