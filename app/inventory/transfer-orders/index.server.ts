/** Transfer orders: the state machine, writes and reads. Re-exported by the room's face. */
export {
  addTransferOrderLines,
  cancelTransferOrder,
  completeTransferOrder,
  createTransferOrder,
  deleteTransferOrder,
  duplicateTransferOrder,
  getTransferOrder,
  holdTransferOrder,
  receiveTransferOrder,
  recomputeTransferOrderIncoming,
  removeTransferOrderLines,
  removeTransferOrderShipment,
  resumeTransferOrder,
  revertTransferOrder,
  sendTransferOrder,
  setTransferOrderShipment,
  updateTransferOrder,
  updateTransferOrderLines,
} from "./operations.server";
export { listTransferOrders } from "./reads.server";
export * from "./schemas";
export { TO_EVENTS, TO_MACHINE, TO_TRANSITIONS, TRANSFER_ORDER_STATUSES, allowedToEvents, type ToEvent, type ToStatus } from "./transitions";
