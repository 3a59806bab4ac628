-- Warnings the user saw and confirmed are kept with the upload.
ALTER TABLE uploads ADD COLUMN warnings VARCHAR[];
