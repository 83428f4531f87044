/** Stock takes: the state machine, writes and reads. Re-exported by the room's face. */
export {
  addStockTakeLines,
  cancelStockTake,
  completeStockTake,
  createStockTake,
  deleteStockTake,
  getStockTake,
  recordStockTakeCounts,
  removeStockTakeLines,
  startStockTakeCounting,
  updateStockTake,
} from "./operations.server";
export { listStockTakes } from "./reads.server";
export * from "./schemas";
export { ST_EVENTS, ST_MACHINE, ST_TRANSITIONS, STOCK_TAKE_STATUSES, allowedStEvents, type StEvent, type StStatus } from "./transitions";
