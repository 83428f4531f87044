CREATE TABLE `supplier_emails` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`purchase_order_id` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`pdf_file_name` text NOT NULL,
	`pdf` blob NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`failed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_emails_due` ON `supplier_emails` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `supplier_emails_shop_po` ON `supplier_emails` (`shop_id`,`purchase_order_id`,`created_at`);