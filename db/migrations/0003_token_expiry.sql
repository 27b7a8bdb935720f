-- Every token has an expiry now: one made before lives its scope's longest time from its creation (365 days for
-- full, 90 for the extension), but at least 30 days from this upgrade, so that no script stops unannounced.
UPDATE `tokens` SET `expires_at` = max(
	strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`, CASE `scope` WHEN 'extension' THEN '+90 days' ELSE '+365 days' END),
	strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+30 days')
) WHERE `expires_at` IS NULL;
