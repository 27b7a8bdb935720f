CREATE TABLE `supplier_search` (
	`supplier_id` text PRIMARY KEY NOT NULL,
	`names` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`merged_into` text,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- The search row of a supplier: its legal name and aliases separated by char(31) (SEARCH_SEPARATOR in db/schema.ts),
-- and what the list filters and sorts by. Triggers keep it, so no writer can forget it; drizzle-kit does not model
-- triggers, hence written here by hand.
CREATE TRIGGER `supplier_search_insert` AFTER INSERT ON `suppliers` BEGIN
	INSERT INTO `supplier_search` (`supplier_id`, `names`, `name`, `status`, `merged_into`)
	VALUES (new.`id`, new.`name` || coalesce((SELECT group_concat(char(31) || `value`, '') FROM json_each(new.`aliases`)), ''), new.`name`, new.`status`, new.`merged_into`);
END;
--> statement-breakpoint
CREATE TRIGGER `supplier_search_update` AFTER UPDATE OF `name`, `aliases`, `status`, `merged_into` ON `suppliers` BEGIN
	UPDATE `supplier_search`
	SET `names` = new.`name` || coalesce((SELECT group_concat(char(31) || `value`, '') FROM json_each(new.`aliases`)), ''),
		`name` = new.`name`, `status` = new.`status`, `merged_into` = new.`merged_into`
	WHERE `supplier_id` = new.`id`;
END;
--> statement-breakpoint
INSERT INTO `supplier_search` (`supplier_id`, `names`, `name`, `status`, `merged_into`)
SELECT `id`, `name` || coalesce((SELECT group_concat(char(31) || `value`, '') FROM json_each(`aliases`)), ''), `name`, `status`, `merged_into` FROM `suppliers`;
