/** Supplier returns: the state machine, writes and reads. Re-exported by the room's face. */
export {
  addSupplierReturnLines,
  approveSupplierReturn,
  cancelSupplierReturn,
  closeSupplierReturn,
  completeSupplierReturnInspection,
  createSupplierReturn,
  deleteSupplierReturn,
  getSupplierReturn,
  holdSupplierReturn,
  markSupplierReturnReceivedBySupplier,
  quickApproveAndShipSupplierReturn,
  quickCloseSupplierReturn,
  rejectSupplierReturn,
  removeSupplierReturnLines,
  removeSupplierReturnShipment,
  resolveSupplierReturn,
  resumeSupplierReturn,
  setSupplierReturnShipment,
  shipSupplierReturn,
  stepBackSupplierReturn,
  submitSupplierReturn,
  updateSupplierReturn,
  updateSupplierReturnLines,
} from "./operations.server";
export { listSupplierReturns } from "./reads.server";
export * from "./schemas";
export { RMA_EVENTS, RMA_MACHINE, RMA_SHIPPED_STATUSES, RMA_TRANSITIONS, SUPPLIER_RETURN_STATUSES, allowedRmaEvents, type RmaEvent, type RmaStatus } from "./transitions";
