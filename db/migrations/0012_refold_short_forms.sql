-- Folded names now hold every spelling of their short forms (`v.d.` and `van der`, `a/d` and `aan den`, `St.` and
-- `Sint`; db/folded-names.ts): emptied here, they are folded anew when the registry opens (foldMissingNames).
UPDATE `supplier_search` SET `folded` = '';--> statement-breakpoint
UPDATE `people` SET `folded_name` = '';--> statement-breakpoint
UPDATE `declarations` SET `folded_names` = '';
