-- Inventory-level lists page newest first within a shop; without this every page sorts all its levels.
CREATE INDEX `inventory_levels_shop_created` ON `inventory_levels` (`shop_id`,`created_at`);