/**
 * TypeScript-style signatures for operations, rendered from their zod schemas, so what
 * `search_api` shows an assistant is exactly what the catalogue validates.
 */
import { z } from "zod";
import type { Operation } from "./registry";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  title?: string;
};

export function renderSignature(operation: Operation): string {
  const input = z.toJSONSchema(operation.input, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const output = z.toJSONSchema(operation.output, { io: "output", unrepresentable: "any" }) as JsonSchema;
  return `app.${operation.name}(${renderParameters(operation, input)}): Promise<${renderType(output)}>`;
}

function renderParameters(operation: Operation, input: JsonSchema): string {
  const properties = input.properties ?? {};
  const required = new Set(input.required ?? []);
  const positional = operation.positional ?? [];
  const parameters = positional.map((name) => `${name}${required.has(name) ? "" : "?"}: ${renderType(properties[name] ?? {})}`);
  const rest = Object.keys(properties).filter((name) => !positional.includes(name));
  if (rest.length > 0) {
    const restSchema: JsonSchema = {
      type: "object",
      properties: Object.fromEntries(rest.map((name) => [name, properties[name]!])),
      required: rest.filter((name) => required.has(name)),
    };
    const optional = rest.every((name) => !required.has(name));
    parameters.push(`params${optional ? "?" : ""}: ${renderType(restSchema)}`);
  }
  return parameters.join(", ");
}

export function renderType(schema: JsonSchema): string {
  // A named type (`WriteResult<PurchaseOrder>`) stands for a shape described elsewhere.
  if (schema.title) return schema.title;
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(renderType).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (Array.isArray(schema.type)) return schema.type.map((type) => renderType({ ...schema, type })).join(" | ");
  switch (schema.type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const items = schema.items ?? {};
      const item = renderType(items);
      return isUnion(items) ? `(${item})[]` : `${item}[]`;
    }
    case "object": {
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {}).map(
        ([name, field]) => `${name}${required.has(name) ? "" : "?"}: ${renderType(field)}`,
      );
      return fields.length ? `{ ${fields.join("; ")} }` : "{}";
    }
    default:
      return "unknown";
  }
}

function isUnion(schema: JsonSchema): boolean {
  if (schema.title) return false;
  return (schema.anyOf ?? schema.oneOf ?? []).length > 1 || (Array.isArray(schema.type) && schema.type.length > 1) || (schema.enum ?? []).length > 1;
}

/** The documented fields of an input, one line each: what the signature cannot say. */
export function describeParameters(operation: Operation): string[] {
  const input = z.toJSONSchema(operation.input, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return Object.entries(input.properties ?? {}).flatMap(([name, field]) => {
    const notes = [field.description, field.default !== undefined ? `default ${JSON.stringify(field.default)}` : undefined]
      .filter(Boolean)
      .join("; ");
    return notes ? [`${name}: ${notes}`] : [];
  });
}
