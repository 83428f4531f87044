/**
 * The one catalogue. Scope filtering happens here and only here: a read-only principal's catalogue
 * holds no write operation at all, so none can be listed, described or called through any view.
 */
import type { Principal } from "../access/index.server";
import { documentReadOperations } from "./documents.server";
import { OperationError, validationFailed } from "./errors";
import { inventoryLevelOperations } from "./inventory-levels.server";
import { locationOperations } from "./locations.server";
import { productOperations } from "./products.server";
import type { Operation, OperationContext } from "./registry";
import { reorderRuleOperations } from "./reorder-rules.server";
import { shopOperations } from "./shop.server";
import { supplierVariantLinkOperations } from "./supplier-variant-links.server";
import { supplierOperations } from "./suppliers.server";
import { variantOperations } from "./variants.server";
import { purchaseOrderWriteOperations } from "./writes/purchase-orders.server";
import { reorderRuleWriteOperations } from "./writes/reorder-rules.server";
import { stockTakeWriteOperations } from "./writes/stock-takes.server";
import { supplierReturnWriteOperations } from "./writes/supplier-returns.server";
import { transferOrderWriteOperations } from "./writes/transfer-orders.server";

const ALL_OPERATIONS: readonly Operation[] = assertUniqueNames([
  ...shopOperations,
  ...locationOperations,
  ...productOperations,
  ...variantOperations,
  ...inventoryLevelOperations,
  ...supplierOperations,
  ...supplierVariantLinkOperations,
  ...reorderRuleOperations,
  ...documentReadOperations,
  // The five write surfaces of spec/agent-access.md §5.2, and nothing else.
  ...purchaseOrderWriteOperations,
  ...transferOrderWriteOperations,
  ...stockTakeWriteOperations,
  ...supplierReturnWriteOperations,
  ...reorderRuleWriteOperations,
]);

export type Catalogue = {
  readonly operations: readonly Operation[];
  find(name: string): Operation | undefined;
  call(name: string, rawInput: unknown, context: OperationContext): Promise<unknown>;
};

export function catalogueFor(principal: Principal): Catalogue {
  const operations = ALL_OPERATIONS.filter((operation) => operation.kind === "read" || principal.scope === "read_write");
  const byName = new Map(operations.map((operation) => [operation.name, operation]));
  const find = (name: string) => byName.get(name.replace(/^app\./, "") as Operation["name"]);
  return {
    operations,
    find,
    async call(name, rawInput, context) {
      const operation = find(name);
      if (!operation) throw unknownOperation(name, operations);
      const input = operation.input.safeParse(rawInput ?? {});
      if (!input.success) throw validationFailed(`app.${operation.name}`, input.error.issues);
      const result = await operation.handler(context, input.data);
      return operation.output.parse(result);
    },
  };
}

function unknownOperation(name: string, operations: readonly Operation[]): OperationError {
  const names = operations.map((operation) => `app.${operation.name}`);
  return new OperationError(
    "UNKNOWN_OPERATION",
    `There is no operation ${JSON.stringify(name)} for this credential. Available: ${names.join(", ")}.`,
    { operation: name, available: names },
  );
}

function assertUniqueNames(operations: Operation[]): Operation[] {
  const seen = new Set<string>();
  for (const operation of operations) {
    if (seen.has(operation.name)) throw new Error(`operation ${operation.name} is defined twice`);
    seen.add(operation.name);
  }
  return operations;
}
