CREATE TABLE `negotiation_team` (
	`negotiation_id` text NOT NULL,
	`person_id` text NOT NULL,
	`added_by` text,
	`added_at` text NOT NULL,
	PRIMARY KEY(`negotiation_id`, `person_id`),
	FOREIGN KEY (`negotiation_id`) REFERENCES `negotiations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `negotiation_team_person` ON `negotiation_team` (`person_id`);--> statement-breakpoint
CREATE TABLE `team_declarations` (
	`id` text PRIMARY KEY NOT NULL,
	`negotiation_id` text NOT NULL,
	`person_id` text NOT NULL,
	`conflict` integer NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`negotiation_id`) REFERENCES `negotiations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `team_declarations_member` ON `team_declarations` (`negotiation_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `team_declarations_created` ON `team_declarations` (`created_at`);--> statement-breakpoint
INSERT INTO `negotiation_team` (`negotiation_id`, `person_id`, `added_by`, `added_at`) SELECT `id`, `owner_id`, `owner_id`, `created_at` FROM `negotiations`;
