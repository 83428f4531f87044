ALTER TABLE `audit_log` ADD `activity_entry_ids` text DEFAULT '[]' NOT NULL;
