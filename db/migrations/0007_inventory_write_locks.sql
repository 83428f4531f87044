CREATE TABLE `inventory_write_locks` (
	`shop_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`holder_id` text NOT NULL,
	`idempotency_key` text,
	`pending_changes` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `subject_type`, `subject_id`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inventory_write_locks_key` ON `inventory_write_locks` (`shop_id`,`idempotency_key`);