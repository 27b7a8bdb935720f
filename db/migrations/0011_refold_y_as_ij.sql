-- The folded names now read `y` as `ij`, as the matcher does (db/folded-names.ts): emptied here, they are folded
-- anew when the registry opens (foldMissingNames).
UPDATE `supplier_search` SET `folded` = '';--> statement-breakpoint
UPDATE `people` SET `folded_name` = '';--> statement-breakpoint
UPDATE `declarations` SET `folded_names` = '';
