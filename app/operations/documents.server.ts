/** `app.purchaseOrders.*` and `app.transferOrders.*` reads: the documents as the domain presents them. */
import {
  getPurchaseOrder,
  getTransferOrder,
  listPurchaseOrders,
  listTransferOrders,
  PurchaseOrderDocument,
  PurchaseOrderFilters,
  PurchaseOrderSummary,
  TransferOrderDocument,
  TransferOrderFilters,
  TransferOrderSummary,
} from "../inventory/index.server";
import { listAndGet } from "./lists.server";

export const documentReadOperations = [
  ...listAndGet({
    area: "purchaseOrders",
    noun: "purchase order",
    listDescription:
      "List purchase orders, newest first, without lines. Filter by `status` (one or more), `supplierId`, `locationId` (where goods are received), `sku`, `search` (number, name, SKU or custom line title), `createdFrom` (inclusive) and `createdTo` (exclusive).",
    getDescription: "Get one purchase order with its lines, payments, credit applications and totals.",
    filters: PurchaseOrderFilters,
    summary: PurchaseOrderSummary,
    document: PurchaseOrderDocument,
    list: (shopId, filters, page, now) => listPurchaseOrders(shopId, filters, page, { now }),
    get: (shopId, id) => getPurchaseOrder(shopId, id),
  }),
  ...listAndGet({
    area: "transferOrders",
    noun: "transfer order",
    listDescription:
      "List transfer orders between locations, newest first, without lines. Filter by `status`, `originLocationId`, `destinationLocationId`, `locationId` (either end), `sku`, `search`, `createdFrom` and `createdTo`.",
    getDescription: "Get one transfer order with its lines (planned, received, in transit, shortfall).",
    filters: TransferOrderFilters,
    summary: TransferOrderSummary,
    document: TransferOrderDocument,
    list: (shopId, filters, page, now) => listTransferOrders(shopId, filters, page, { now }),
    get: (shopId, id) => getTransferOrder(shopId, id),
  }),
];
