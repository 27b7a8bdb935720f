CREATE TABLE `supplier_search` (
	`supplier_id` text PRIMARY KEY NOT NULL,
	`names` text NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- The search text of a supplier: its legal name and aliases, separated by char(31) (SEARCH_SEPARATOR in db/schema.ts).
-- Triggers keep it, so no writer can forget it; drizzle-kit does not model triggers, hence written here by hand.
CREATE TRIGGER `supplier_search_insert` AFTER INSERT ON `suppliers` BEGIN
	INSERT INTO `supplier_search` (`supplier_id`, `names`)
	VALUES (new.`id`, new.`name` || coalesce((SELECT group_concat(char(31) || `value`, '') FROM json_each(new.`aliases`)), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `supplier_search_update` AFTER UPDATE OF `name`, `aliases` ON `suppliers` BEGIN
	UPDATE `supplier_search`
	SET `names` = new.`name` || coalesce((SELECT group_concat(char(31) || `value`, '') FROM json_each(new.`aliases`)), '')
	WHERE `supplier_id` = new.`id`;
END;
--> statement-breakpoint
INSERT INTO `supplier_search` (`supplier_id`, `names`)
SELECT `id`, `name` || coalesce((SELECT group_concat(char(31) || `value`, '') FROM json_each(`aliases`)), '') FROM `suppliers`;
