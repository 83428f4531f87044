-- Orders paused before `status_before_hold` existed could not be resumed: they were all paused
-- from an open, not-yet-received stage, so they resume to Sent.
UPDATE `purchase_orders` SET `status_before_hold` = 'sent' WHERE `status` IN ('on_hold', 'disputed') AND `status_before_hold` IS NULL;
