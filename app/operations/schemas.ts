/** Schema pieces every area shares: money, ids, list parameters and the page a list returns. */
import { z } from "zod";

export const Money = z.object({
  amount: z.number().int().describe("Minor units (cents)"),
  currency: z.string().length(3).describe("ISO 4217"),
});

export const Id = z.string().min(1).max(64);

/** Inside a program rows stay in the sandbox, so a page may hold up to 1,000 of them. */
export const PROGRAM_MAX_PAGE = 1000;

export const pageParams = {
  limit: z.number().int().min(1).max(PROGRAM_MAX_PAGE).default(100).describe("Items per page, 1–1000 (default 100)"),
  cursor: z.string().min(1).optional().describe("The `cursor` of the previous page, unchanged"),
};

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    totalCount: z.number().int(),
    cursor: z.string().nullable().describe("Pass back for the next page; null on the last page"),
  });
}

export const GetById = z.object({ id: Id });
