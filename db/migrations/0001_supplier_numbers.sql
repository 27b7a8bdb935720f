CREATE TABLE `supplier_numbers` (
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`supplier_id` text NOT NULL,
	PRIMARY KEY(`kind`, `value`),
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `supplier_numbers_supplier` ON `supplier_numbers` (`supplier_id`);--> statement-breakpoint
INSERT OR IGNORE INTO `supplier_numbers` (`kind`, `value`, `supplier_id`)
  SELECT 'kvk', j.value, s.id FROM `suppliers` s, json_each(s.kvk) j WHERE s.merged_into IS NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO `supplier_numbers` (`kind`, `value`, `supplier_id`)
  SELECT 'vat', j.value, s.id FROM `suppliers` s, json_each(s.vat) j WHERE s.merged_into IS NULL;
