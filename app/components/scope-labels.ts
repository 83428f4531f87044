export const SCOPE_LABELS = { read: "Read only", read_write: "Read & write" } as const;

export const WRITE_SCOPE_EXPLANATION =
  "Lets the assistant create and operate purchase orders, transfer orders, stock takes and supplier returns, and set reorder rules. It cannot change suppliers or products or adjust stock directly.";
