CREATE TABLE "café" (id int);
CREATE INDEX ON "café" (id);
ALTER TABLE t RENAME COLUMN a TO 日�;
