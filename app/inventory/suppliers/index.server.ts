/** Suppliers, their credits and their variant links: reads only (suppliers are read-only to agents, domain.md §9). Re-exported by the room's face. */
export { getSupplier, listSuppliers, type SupplierFilters, type SupplierRow, type SupplierWithCredits } from "./suppliers.server";
export { type SupplierCreditApplicationRow, type SupplierCreditRow } from "./credits.server";
export { getSupplierVariantLink, listSupplierVariantLinks, type SupplierVariantLinkFilters, type SupplierVariantLinkRow } from "./links.server";
export { CREDIT_ORIGINS, CREDIT_STATUSES } from "../../../db/schema";
