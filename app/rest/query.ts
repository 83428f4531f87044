/**
 * Query strings to operation input. REST keeps its own page bounds (1–50, default 25, never
 * clamped); every other parameter must be one the operation's input declares, converted by the
 * type its schema gives. Pure.
 */
import { z } from "zod";

export const REST_DEFAULT_LIMIT = 25;
export const REST_MAX_LIMIT = 50;

export class RestParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = "RestParameterError";
  }
}

type PropertySchema = { type?: string | string[]; anyOf?: PropertySchema[]; items?: PropertySchema };

export function queryToInput(params: URLSearchParams, input: z.ZodType): Record<string, unknown> {
  const properties = (z.toJSONSchema(input, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, PropertySchema> })
    .properties ?? {};
  const result: Record<string, unknown> = { limit: REST_DEFAULT_LIMIT };
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    if (values.length > 1) throw new RestParameterError(name, `${name} may be given once`);
    const value = values[0]!;
    if (name === "limit") {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > REST_MAX_LIMIT) {
        throw new RestParameterError("limit", `limit must be an integer between 1 and ${REST_MAX_LIMIT}`);
      }
      result.limit = Number(value);
      continue;
    }
    const property = properties[name];
    if (!property) {
      const allowed = Object.keys(properties).filter((key) => key !== "limit");
      throw new RestParameterError(name, `Unknown query parameter ${name}. Allowed: ${["limit", ...allowed].join(", ")}`);
    }
    result[name] = convert(name, value, property);
  }
  return result;
}

function convert(name: string, value: string, property: PropertySchema): unknown {
  const types = new Set([property.type, ...(property.anyOf ?? []).map((p) => p.type)].flat().filter(Boolean));
  // Lists (`status=sent,received`) are comma-separated.
  if (types.has("array")) return value.split(",").map((item) => item.trim()).filter(Boolean);
  if (types.has("boolean")) {
    if (value === "true" || value === "false") return value === "true";
    throw new RestParameterError(name, `${name} must be true or false`);
  }
  if (types.has("integer") || types.has("number")) {
    if (value.trim() === "" || Number.isNaN(Number(value))) throw new RestParameterError(name, `${name} must be a number`);
    return Number(value);
  }
  return value;
}
