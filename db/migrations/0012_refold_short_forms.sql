-- Suppliers' and declarations' folded names now hold every spelling of their short forms (`a/d` and `aan den`,
-- `St.` and `Sint`; db/folded-names.ts): emptied here, they are folded anew when the registry opens (foldMissingNames).
UPDATE `supplier_search` SET `folded` = '';--> statement-breakpoint
UPDATE `declarations` SET `folded_names` = '';
