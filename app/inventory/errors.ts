/**
 * Refusals of the inventory domain: one class, a code from a closed set (spec/domain.md §3 and the
 * guardrail tables of §4–§8), a message that says what is not allowed, in which status, and what
 * to do instead, and details for the program or the audit row. Anything else a domain function
 * throws is a defect.
 */
export const DOMAIN_ERROR_CODES = [
  // Every surface (§3).
  "NOT_FOUND",
  "VALIDATION_FAILED",
  "INVALID_TRANSITION",
  "FIELD_LOCKED",
  "INSUFFICIENT_AVAILABLE",
  "LOCATION_INACTIVE",
  "VARIANT_NOT_TRACKED",
  "DUPLICATE_LINE",
  "NOT_DELETABLE",
  "SHOPIFY_UNAVAILABLE",
  "INVENTORY_CONFLICT",
  "IDEMPOTENCY_KEY_REUSED",
  "CONFLICT_IN_PROGRESS",
  /** Another write changed the document between this write's read and its update. Re-read and retry. */
  "CONCURRENT_UPDATE",
  // Purchase orders (§4.6).
  "PO_HAS_NO_LINES",
  "EMAIL_NOT_CONFIGURED",
  "SUPPLIER_EMAIL_MISSING",
  "SUPPLIER_ARCHIVED",
  "DUPLICATE_NUMBER",
  "CONFIRMED_EXCEEDS_ORDERED",
  "OVER_RECEIPT",
  "BELOW_ZERO",
  "OUTSTANDING_QUANTITY",
  "ORDERED_BELOW_SETTLED",
  "LINE_HAS_ACTIVITY",
  "CREDIT_NOT_APPLICABLE",
  "CREDIT_EXCEEDS_BALANCE",
  "CREDIT_EXCEEDS_TOTAL",
  "EXCHANGE_RATE_REQUIRED",
  // Transfer orders (§5.4).
  "SAME_LOCATION",
  "TO_HAS_NO_LINES",
  "PLANNED_BELOW_RECEIVED",
  // Stock takes (§6.4).
  "ST_HAS_NO_LINES",
  "VARIANT_IN_OTHER_COUNT",
  "UNCOUNTED_LINES",
  "TOO_MANY_LINES",
  // Supplier returns (§7.4).
  "RMA_HAS_NO_LINES",
  "SOURCE_PO_MISMATCH",
  "EXCEEDS_RECEIVED",
  "CREDIT_IN_USE",
  // Reorder rules (§8.2).
  "RULE_ORDER_INVALID",
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }

  toJSON() {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** An event the document's current status does not accept; names the events it does accept. */
export class TransitionError extends DomainError {
  constructor(
    readonly documentLabel: string,
    readonly from: string,
    readonly event: string,
    readonly allowed: readonly string[],
  ) {
    super(
      "INVALID_TRANSITION",
      `Cannot ${event} a ${documentLabel} in status ${from}. ` +
        (allowed.length ? `In ${from} it accepts: ${allowed.join(", ")}.` : `Nothing changes a ${documentLabel} in ${from}.`),
      { status: from, operation: event, allowedOperations: allowed },
    );
    this.name = "TransitionError";
  }
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError("NOT_FOUND", `No ${what} with id ${JSON.stringify(id)} in this store.`, { id });
}
