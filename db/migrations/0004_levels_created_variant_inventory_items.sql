-- Existing levels take their last update as their creation time; new rows get theirs from the app.
ALTER TABLE `inventory_levels` ADD `created_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `inventory_levels` SET `created_at` = `updated_at`;--> statement-breakpoint
ALTER TABLE `variants` ADD `inventory_item_shopify_id` text;
