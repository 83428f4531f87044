/**
 * Transfer arithmetic (spec/domain.md §5): the derived status, and what a transfer contributes to
 * each level it touches. The effects table of §5.3 is exactly the change in these contributions:
 * once sent, the origin is down by `planned`, the destination expects `planned − received` and
 * holds `received`; completion writes the rest off; a draft or cancelled transfer contributes nothing. Pure.
 */
import type { transferOrderLines } from "../../../db/schema";
import type { InventoryEffect } from "../values";
import type { ToStatus } from "./transitions";

type Line = Pick<typeof transferOrderLines.$inferSelect, "variantId" | "planned" | "received">;
type Ends = { status: ToStatus; originLocationId: string; destinationLocationId: string };

export function deriveToStatus(lines: readonly Line[]): ToStatus {
  if (lines.length > 0 && lines.every((line) => line.received >= line.planned)) return "received";
  return lines.some((line) => line.received > 0) ? "partially_received" : "sent";
}

const MOVED: readonly ToStatus[] = ["sent", "partially_received", "received", "on_hold", "completed"];
const IN_TRANSIT: readonly ToStatus[] = ["sent", "partially_received", "received", "on_hold"];

function contributions(transfer: Ends, lines: readonly Line[]): Map<string, InventoryEffect> {
  const out = new Map<string, InventoryEffect>();
  const add = (variantId: string, locationId: string, quantityName: InventoryEffect["quantityName"], delta: number) => {
    const key = `${variantId}|${locationId}|${quantityName}`;
    out.set(key, { variantId, locationId, quantityName, delta: (out.get(key)?.delta ?? 0) + delta });
  };
  if (!MOVED.includes(transfer.status)) return out;
  for (const line of lines) {
    add(line.variantId, transfer.originLocationId, "on_hand", -line.planned);
    add(line.variantId, transfer.originLocationId, "available", -line.planned);
    add(line.variantId, transfer.destinationLocationId, "on_hand", line.received);
    add(line.variantId, transfer.destinationLocationId, "available", line.received);
    if (IN_TRANSIT.includes(transfer.status)) add(line.variantId, transfer.destinationLocationId, "incoming", line.planned - line.received);
  }
  return out;
}

export function transferEffects(before: Ends, beforeLines: readonly Line[], after: Ends, afterLines: readonly Line[]): InventoryEffect[] {
  const was = contributions(before, beforeLines);
  const now = contributions(after, afterLines);
  const effects: InventoryEffect[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const either = (now.get(key) ?? was.get(key))!;
    const delta = (now.get(key)?.delta ?? 0) - (was.get(key)?.delta ?? 0);
    if (delta !== 0) effects.push({ ...either, delta });
  }
  return effects;
}
