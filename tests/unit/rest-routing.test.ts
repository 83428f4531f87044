import { describe, expect, it } from "vitest";
import { routeRestPath } from "../../app/rest/routing";

describe("REST paths name catalogue operations", () => {
  it.each([
    ["products", { kind: "list", area: "products", operation: "products.list" }],
    ["inventory-levels", { kind: "list", area: "inventoryLevels", operation: "inventoryLevels.list" }],
    ["inventory-levels/", { kind: "list", area: "inventoryLevels", operation: "inventoryLevels.list" }],
    ["inventory-levels/lvl_1", { kind: "get", area: "inventoryLevels", operation: "inventoryLevels.get", id: "lvl_1" }],
    ["products/prod%2F1", { kind: "get", area: "products", operation: "products.get", id: "prod/1" }],
    ["shop", { kind: "single", area: "shop", operation: "shop.get" }],
    ["shop/", { kind: "single", area: "shop", operation: "shop.get" }],
  ])("%s routes to %o", (path, target) => {
    expect(routeRestPath(path)).toEqual(target);
  });

  it.each(["", "shop/shop_1", "shop/a/b", "products/a/b", "Products", "inventory_levels", "-products", "variants/%", "variants/%E0%A4%A"])(
    "%j routes nowhere",
    (path) => {
      expect(routeRestPath(path)).toBeNull();
    },
  );
});
