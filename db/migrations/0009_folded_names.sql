ALTER TABLE `people` ADD `folded_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `supplier_search` ADD `folded` text DEFAULT '' NOT NULL;