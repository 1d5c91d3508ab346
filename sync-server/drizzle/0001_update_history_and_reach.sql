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
ALTER TABLE `documents` ADD `school_id` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `leader_school_id` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `municipality_id` text;--> statement-breakpoint
CREATE INDEX `documents_school` ON `documents` (`school_id`,`last_seq`);--> statement-breakpoint
CREATE INDEX `documents_leader_school` ON `documents` (`leader_school_id`,`last_seq`);--> statement-breakpoint
CREATE INDEX `documents_municipality` ON `documents` (`municipality_id`,`last_seq`);--> statement-breakpoint
CREATE INDEX `updates_seq_device_doc` ON `updates` (`seq`,`device_id`,`doc_id`);--> statement-breakpoint
-- Rows folded by the earlier compaction (bytes cleared) move to the history.
INSERT INTO `update_history` (`seq`, `doc_id`, `size`, `user_id`, `device_id`, `created_at`)
  SELECT `seq`, `doc_id`, `size`, `user_id`, `device_id`, `created_at` FROM `updates` WHERE `data` IS NULL;
--> statement-breakpoint
DELETE FROM `updates` WHERE `data` IS NULL;--> statement-breakpoint
-- Where existing documents belong (ids: docs/sync-protocol.md, "Document ids").
UPDATE `documents` SET `school_id` = substr(`id`, 8, instr(substr(`id`, 8), ':') - 1)
  WHERE `id` LIKE 'school:%';--> statement-breakpoint
UPDATE `documents` SET
    `leader_school_id` = substr(`id`, 13, instr(substr(`id`, 13), ':') - 1),
    `school_id` = substr(substr(`id`, 13), instr(substr(`id`, 13), ':') + 1,
      instr(substr(substr(`id`, 13), instr(substr(`id`, 13), ':') + 1), ':') - 1)
  WHERE `id` LIKE 'partnership:%';--> statement-breakpoint
UPDATE `documents` SET `municipality_id` = substr(`id`, 14, instr(substr(`id`, 14), ':') - 1)
  WHERE `id` LIKE 'municipality:%';
