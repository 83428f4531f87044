/** `app.suppliers.*`: the store's suppliers, their credit balances and, on `get`, their credits. */
import { z } from "zod";
import { CREDIT_ORIGINS, CREDIT_STATUSES, getSupplier, listSuppliers, type SupplierCreditRow, type SupplierRow, type SupplierWithCredits } from "../inventory/index.server";
import { listAndGet } from "./lists.server";
import { Id, Money } from "./schemas";

const Percent = z.number().min(0).describe("Percent, up to two decimals (8.25 means 8.25 %)");
const Timestamp = z.iso.datetime();

export const Supplier = z.object({
  id: Id,
  number: z.number().int().describe("The supplier's number in this store"),
  name: z.string(),
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  paymentTerms: z.string().nullable(),
  currency: z.string().length(3).describe("The supplier's default cost currency (ISO 4217)"),
  taxRate: Percent,
  onTimeDeliveryRate: Percent.nullable().describe("Percent of deliveries on time, entered by staff; null if never entered"),
  creditLimit: Money.nullable().describe("In the supplier's currency; null when none is set"),
  archived: z.boolean().describe("Archived suppliers cannot be put on new purchase orders or returns"),
  isDefault: z.boolean().describe("The store's Default supplier: linked to every variant with no other supplier, never archived"),
  creditBalance: Money.describe("Sum of the available balances of the supplier's active credits, in the supplier's currency"),
  createdAt: Timestamp,
});

export const SupplierCredit = z.object({
  id: Id,
  number: z.string().describe("The credit-memo number, unique in the store"),
  amount: Money.describe("What the credit was issued for"),
  availableBalance: Money.describe("What is left to apply to purchase orders"),
  origin: z.enum(CREDIT_ORIGINS),
  supplierReturnId: Id.nullable().describe("The supplier return whose resolution recorded it"),
  status: z.enum(CREDIT_STATUSES).describe("Only active credits count towards the balance and can be applied"),
  issuedOn: z.iso.date(),
  applications: z.array(
    z.object({
      id: Id,
      purchaseOrderId: Id,
      amount: Money.describe("Drawn from the credit, in its currency"),
      exchangeRate: z.string().describe("Credit currency to purchase-order currency, a decimal string"),
      amountInPoCurrency: Money,
      appliedAt: Timestamp,
      reversedAt: Timestamp.nullable().describe("Set when the application was reversed and the amount went back to the credit"),
    }),
  ),
});

export const SupplierWithCreditsDocument = Supplier.extend({
  credits: z.array(SupplierCredit).describe("Every credit of the supplier, newest first, voided ones included"),
});

const percent = (basisPoints: number) => basisPoints / 100;

function presentSupplier(row: SupplierRow): z.input<typeof Supplier> {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    contactName: row.contactName,
    email: row.email,
    phone: row.phone,
    website: row.website,
    city: row.city,
    country: row.country,
    paymentTerms: row.paymentTerms,
    currency: row.currency,
    taxRate: percent(row.taxRateBasisPoints),
    onTimeDeliveryRate: row.onTimeDeliveryRateBasisPoints === null ? null : percent(row.onTimeDeliveryRateBasisPoints),
    creditLimit: row.creditLimitAmount === null ? null : { amount: row.creditLimitAmount, currency: row.currency },
    archived: row.archived,
    isDefault: row.isDefault,
    creditBalance: { amount: row.creditBalance, currency: row.currency },
    createdAt: row.createdAt.toISOString(),
  };
}

function presentCredit(credit: SupplierCreditRow): z.input<typeof SupplierCredit> {
  return {
    id: credit.id,
    number: credit.number,
    amount: { amount: credit.amount, currency: credit.currency },
    availableBalance: { amount: credit.availableBalance, currency: credit.currency },
    origin: credit.origin,
    supplierReturnId: credit.supplierReturnId,
    status: credit.status,
    issuedOn: credit.issuedOn,
    applications: credit.applications.map((application) => ({
      id: application.id,
      purchaseOrderId: application.purchaseOrderId,
      amount: { amount: application.amount, currency: credit.currency },
      exchangeRate: application.exchangeRate,
      amountInPoCurrency: { amount: application.amountInPoCurrency, currency: application.purchaseOrderCurrency },
      appliedAt: application.appliedAt.toISOString(),
      reversedAt: application.reversedAt ? application.reversedAt.toISOString() : null,
    })),
  };
}

function presentSupplierWithCredits(row: SupplierWithCredits): z.input<typeof SupplierWithCreditsDocument> {
  return { ...presentSupplier(row), credits: row.credits.map(presentCredit) };
}

const SupplierFilters = z.object({
  search: z.string().min(1).max(200).optional().describe("Text contained in the name, contact name or email, or the exact supplier number"),
  archived: z.boolean().optional().describe("Only archived (true) or only active (false) suppliers; both when omitted"),
});

export const supplierOperations = listAndGet({
  area: "suppliers",
  noun: "supplier",
  listDescription:
    "List the store's suppliers, newest first, each with its credit balance (sum of active credits' available balances, in the supplier's currency). Filter with `search` (name, contact name, email, or supplier number) and `archived`.",
  getDescription: "Get one supplier with its credit balance and every supplier credit (active and voided), each with the purchase orders it was applied to.",
  filters: SupplierFilters,
  summary: Supplier,
  document: SupplierWithCreditsDocument,
  list: (shopId, filters, page, now) => {
    const found = listSuppliers(shopId, filters, page, { now });
    return { ...found, items: found.items.map(presentSupplier) };
  },
  get: (shopId, id) => {
    const row = getSupplier(shopId, id);
    return row && presentSupplierWithCredits(row);
  },
});
