/** Purchase orders: the state machine, writes and reads. Re-exported by the room's face. */
export * from "./operations.server";
export { getPurchaseOrder, listPurchaseOrders } from "./reads.server";
export * from "./schemas";
export { PO_EDIT_RULES } from "./editing";
export { PO_EVENTS, PO_MACHINE, PO_TRANSITIONS, PURCHASE_ORDER_STATUSES, allowedPoEvents, applyPoEvent, type PoEvent, type PoStatus } from "./transitions";
export { deliverQueuedEmails, type DeliveryCounts, type DeliveryOptions } from "./email-delivery.server";
export { EMAIL_CLAIM_LEASE_MS, EMAIL_MAX_ATTEMPTS, EMAIL_RETRY_DELAYS_MS } from "./email-delivery";
