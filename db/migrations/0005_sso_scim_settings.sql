CREATE TABLE `scim_users` (
	`person_id` text PRIMARY KEY NOT NULL,
	`user_name` text NOT NULL,
	`external_id` text,
	`names` text DEFAULT '{}' NOT NULL,
	`deleted_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scim_users_user_name` ON `scim_users` (lower("user_name")) WHERE "scim_users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `scim_users_external_id` ON `scim_users` (`external_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` text PRIMARY KEY NOT NULL,
	`password_sign_in` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL
);
