-- A receiver task done by the receiver administrator themself records no performer (the views name the role);
-- only a third party (e.g. SAP IT) is written down. Existing rows carried the English label instead.
UPDATE "ChecklistItem" SET "performedBy" = NULL WHERE "performedBy" = 'Receiver administrator';
