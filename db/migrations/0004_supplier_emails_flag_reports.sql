CREATE TABLE `flag_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`supplier_id` text NOT NULL,
	`person_id` text,
	`matched` text,
	`kind` text NOT NULL,
	`host` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `flag_reports_supplier` ON `flag_reports` (`supplier_id`,`resolved_at`);--> statement-breakpoint
ALTER TABLE `suppliers` ADD `emails` text DEFAULT '[]' NOT NULL;