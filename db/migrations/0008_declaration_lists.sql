DROP INDEX `declarations_declarant`;--> statement-breakpoint
CREATE INDEX `declarations_declarant` ON `declarations` (`declarant_id`,`status`,`created_at`,`id`);