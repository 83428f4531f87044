CREATE TABLE `connection_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`scope` text NOT NULL,
	`code_hash` text NOT NULL,
	`status` text NOT NULL,
	`failed_tries` integer DEFAULT 0 NOT NULL,
	`created_by_staff_id` text,
	`created_by_name` text NOT NULL,
	`created_by_email` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connection_attempts_shop_staff` ON `connection_attempts` (`shop_id`,`created_by_staff_id`,`status`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`attempt_id` text NOT NULL,
	`client_id` text NOT NULL,
	`app_name` text NOT NULL,
	`scope` text NOT NULL,
	`approved_by_staff_id` text,
	`approved_by_name` text NOT NULL,
	`approved_by_email` text,
	`approved_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_by_name` text,
	`revoked_by_email` text,
	`revoked_reason` text,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `connection_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`client_id`) REFERENCES `oauth_clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_staff_id`) REFERENCES `staff_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connections_attempt_id_unique` ON `connections` (`attempt_id`);--> statement-breakpoint
CREATE INDEX `connections_shop` ON `connections` (`shop_id`,`approved_at`);--> statement-breakpoint
CREATE TABLE `oauth_authorization_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`attempt_id` text NOT NULL,
	`client_id` text NOT NULL,
	`redirect_uri` text NOT NULL,
	`state` text,
	`code_challenge` text NOT NULL,
	`csrf_hash` text NOT NULL,
	`code_accepted_at` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`attempt_id`) REFERENCES `connection_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`client_id`) REFERENCES `oauth_clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `oauth_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`redirect_uris` text NOT NULL,
	`token_endpoint_auth_method` text NOT NULL,
	`secret_hash` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oauth_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`kind` text NOT NULL,
	`token_hash` text NOT NULL,
	`code_challenge` text,
	`redirect_uri` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oauth_tokens_token_hash_unique` ON `oauth_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `oauth_tokens_connection` ON `oauth_tokens` (`connection_id`,`kind`);--> statement-breakpoint
CREATE TABLE `rate_limit_hits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`occurred_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limit_hits_bucket_time` ON `rate_limit_hits` (`bucket`,`occurred_at`);