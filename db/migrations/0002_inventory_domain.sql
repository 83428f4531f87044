CREATE TABLE `activity_log` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`actor` text NOT NULL,
	`operation` text NOT NULL,
	`summary` text NOT NULL,
	`changes` text NOT NULL,
	`inventory_effects` text NOT NULL,
	`request_id` text,
	`idempotency_key` text,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_log_subject` ON `activity_log` (`shop_id`,`subject_type`,`subject_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `count_reasons` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `count_reasons_shop` ON `count_reasons` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `count_reasons_one_default` ON `count_reasons` (`shop_id`) WHERE "count_reasons"."is_default";--> statement-breakpoint
CREATE TABLE `document_sequences` (
	`shop_id` text NOT NULL,
	`document_type` text NOT NULL,
	`last_number` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `document_type`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`shop_id` text NOT NULL,
	`key` text NOT NULL,
	`operation` text NOT NULL,
	`input_hash` text NOT NULL,
	`status` text NOT NULL,
	`result` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `key`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_expires` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `purchase_order_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`purchase_order_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`exchange_rate` text,
	`paid_on` text NOT NULL,
	`method` text NOT NULL,
	`reference` text,
	`notes` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `purchase_order_payments_po` ON `purchase_order_payments` (`purchase_order_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `reorder_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`location_id` text,
	`min` integer,
	`max` integer,
	`target` integer,
	`reorder_point` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reorder_rules_variant_location` ON `reorder_rules` (`variant_id`,`location_id`) WHERE "reorder_rules"."location_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `reorder_rules_variant_store_wide` ON `reorder_rules` (`variant_id`) WHERE "reorder_rules"."location_id" is null;--> statement-breakpoint
CREATE INDEX `reorder_rules_shop` ON `reorder_rules` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `stock_take_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`stock_take_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`expected` integer,
	`unit_cost_amount` integer,
	`cost_missing` integer DEFAULT false NOT NULL,
	`counted` integer,
	`reason_id` text,
	`applied_delta` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stock_take_id`) REFERENCES `stock_takes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reason_id`) REFERENCES `count_reasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_take_lines_st_variant` ON `stock_take_lines` (`stock_take_id`,`variant_id`);--> statement-breakpoint
CREATE INDEX `stock_take_lines_shop_variant` ON `stock_take_lines` (`shop_id`,`variant_id`);--> statement-breakpoint
CREATE TABLE `stock_takes` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`number` text NOT NULL,
	`name` text,
	`location_id` text NOT NULL,
	`status` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`counting_started_at` integer,
	`completed_at` integer,
	`cancelled_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_takes_shop_number` ON `stock_takes` (`shop_id`,`number`);--> statement-breakpoint
CREATE INDEX `stock_takes_shop_created` ON `stock_takes` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `stock_takes_shop_location_status` ON `stock_takes` (`shop_id`,`location_id`,`status`);--> statement-breakpoint
CREATE TABLE `supplier_credit_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`credit_id` text NOT NULL,
	`purchase_order_id` text NOT NULL,
	`amount` integer NOT NULL,
	`exchange_rate` text NOT NULL,
	`amount_in_po_currency` integer NOT NULL,
	`applied_at` integer NOT NULL,
	`reversed_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credit_id`) REFERENCES `supplier_credits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_credit_applications_po` ON `supplier_credit_applications` (`purchase_order_id`);--> statement-breakpoint
CREATE INDEX `supplier_credit_applications_credit` ON `supplier_credit_applications` (`credit_id`);--> statement-breakpoint
CREATE TABLE `supplier_credits` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`supplier_id` text NOT NULL,
	`number` text NOT NULL,
	`amount` integer NOT NULL,
	`available_balance` integer NOT NULL,
	`currency` text NOT NULL,
	`origin` text NOT NULL,
	`supplier_return_id` text,
	`status` text NOT NULL,
	`issued_on` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_return_id`) REFERENCES `supplier_returns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_credits_shop_number` ON `supplier_credits` (`shop_id`,`number`);--> statement-breakpoint
CREATE INDEX `supplier_credits_supplier` ON `supplier_credits` (`shop_id`,`supplier_id`,`status`);--> statement-breakpoint
CREATE TABLE `supplier_return_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`supplier_return_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text,
	`condition` text,
	`disposition` text,
	`notes` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_return_id`) REFERENCES `supplier_returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_return_lines_rma_variant` ON `supplier_return_lines` (`supplier_return_id`,`variant_id`);--> statement-breakpoint
CREATE INDEX `supplier_return_lines_shop_variant` ON `supplier_return_lines` (`shop_id`,`variant_id`);--> statement-breakpoint
CREATE TABLE `supplier_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`number` text NOT NULL,
	`supplier_id` text NOT NULL,
	`location_id` text NOT NULL,
	`purchase_order_id` text,
	`status` text NOT NULL,
	`status_before_hold` text,
	`closed_from_status` text,
	`reason` text,
	`notes` text DEFAULT '' NOT NULL,
	`shipment` text,
	`from_address` text,
	`to_address` text,
	`credit_id` text,
	`submitted_at` integer,
	`approved_at` integer,
	`shipped_at` integer,
	`received_by_supplier_at` integer,
	`inspected_at` integer,
	`resolved_at` integer,
	`closed_at` integer,
	`rejected_at` integer,
	`cancelled_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_returns_shop_number` ON `supplier_returns` (`shop_id`,`number`);--> statement-breakpoint
CREATE INDEX `supplier_returns_shop_created` ON `supplier_returns` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `supplier_returns_shop_status` ON `supplier_returns` (`shop_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `supplier_returns_po` ON `supplier_returns` (`purchase_order_id`);--> statement-breakpoint
CREATE TABLE `supplier_variants` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`supplier_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`supplier_sku` text,
	`supplier_product_name` text,
	`product_url` text,
	`notes` text,
	`barcode` text,
	`cost_amount` integer,
	`moq` integer,
	`max_order_quantity` integer,
	`pack_size` integer,
	`lead_time_days` integer,
	`primary` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_variants_supplier_variant` ON `supplier_variants` (`supplier_id`,`variant_id`);--> statement-breakpoint
CREATE INDEX `supplier_variants_shop_variant` ON `supplier_variants` (`shop_id`,`variant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_variants_one_primary` ON `supplier_variants` (`variant_id`) WHERE "supplier_variants"."primary";--> statement-breakpoint
CREATE TABLE `transfer_order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`transfer_order_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`planned` integer NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`shortfall` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_order_id`) REFERENCES `transfer_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_order_lines_to_variant` ON `transfer_order_lines` (`transfer_order_id`,`variant_id`);--> statement-breakpoint
CREATE INDEX `transfer_order_lines_shop_variant` ON `transfer_order_lines` (`shop_id`,`variant_id`);--> statement-breakpoint
CREATE TABLE `transfer_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`number` text NOT NULL,
	`origin_location_id` text NOT NULL,
	`destination_location_id` text NOT NULL,
	`status` text NOT NULL,
	`status_before_hold` text,
	`notes` text DEFAULT '' NOT NULL,
	`expected_arrival_on` text,
	`shipment` text,
	`origin_address` text,
	`destination_address` text,
	`sent_at` integer,
	`received_at` integer,
	`completed_at` integer,
	`cancelled_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`origin_location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`destination_location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_orders_shop_number` ON `transfer_orders` (`shop_id`,`number`);--> statement-breakpoint
CREATE INDEX `transfer_orders_shop_created` ON `transfer_orders` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `transfer_orders_shop_status` ON `transfer_orders` (`shop_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `transfer_orders_shop_destination` ON `transfer_orders` (`shop_id`,`destination_location_id`,`status`);--> statement-breakpoint
ALTER TABLE `locations` ADD `address2` text;--> statement-breakpoint
ALTER TABLE `locations` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `purchase_order_lines` ADD `custom_title` text;--> statement-breakpoint
ALTER TABLE `purchase_order_lines` ADD `confirmed` integer;--> statement-breakpoint
ALTER TABLE `purchase_order_lines` ADD `cancelled` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `purchase_order_lines` ADD `rejected` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing lines take their order's creation time; the app sets it for every new line.
ALTER TABLE `purchase_order_lines` ADD `created_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `purchase_order_lines` SET `created_at` = (SELECT `created_at` FROM `purchase_orders` WHERE `purchase_orders`.`id` = `purchase_order_lines`.`purchase_order_id`);--> statement-breakpoint
CREATE INDEX `purchase_order_lines_shop_variant` ON `purchase_order_lines` (`shop_id`,`variant_id`);--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `name` text;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `status_before_hold` text;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `tax_rate_basis_points` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `shipping_cost_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `send_method` text;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `marked_as_paid` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `billing_address` text;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `shipping_address` text;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `shipment` text;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `sent_at` integer;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `received_at` integer;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `completed_at` integer;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `purchase_orders_shop_status` ON `purchase_orders` (`shop_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchase_orders_shop_supplier` ON `purchase_orders` (`shop_id`,`supplier_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchase_orders_shop_location` ON `purchase_orders` (`shop_id`,`location_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `suppliers` ADD `on_time_delivery_rate_basis_points` integer;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `credit_limit_amount` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `suppliers_one_default` ON `suppliers` (`shop_id`) WHERE "suppliers"."is_default";