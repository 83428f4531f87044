ALTER TABLE `shops` ADD `last_synced_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `locations_shop_shopify` ON `locations` (`shop_id`,`shopify_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_shop_shopify` ON `products` (`shop_id`,`shopify_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `variants_shop_shopify` ON `variants` (`shop_id`,`shopify_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `variants_shop_inventory_item` ON `variants` (`shop_id`,`inventory_item_shopify_id`);