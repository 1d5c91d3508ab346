CREATE TABLE `update_history` (
	`seq` integer PRIMARY KEY NOT NULL,
	`doc_id` text NOT NULL,
	`size` integer NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `update_history_doc` ON `update_history` (`doc_id`);--> statement-breakpoint
CREATE INDEX `updates_seq_device_doc` ON `updates` (`seq`,`device_id`,`doc_id`);--> statement-breakpoint
-- Rows folded by the earlier compaction (bytes cleared) move to the history.
INSERT INTO `update_history` (`seq`, `doc_id`, `size`, `user_id`, `device_id`, `created_at`)
  SELECT `seq`, `doc_id`, `size`, `user_id`, `device_id`, `created_at` FROM `updates` WHERE `data` IS NULL;
--> statement-breakpoint
DELETE FROM `updates` WHERE `data` IS NULL;
