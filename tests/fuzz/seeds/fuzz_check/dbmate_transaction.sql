-- migrate:up transaction:false
BEGIN;
ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(20, 4);
LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;
COMMIT;
VACUUM accounts;

-- migrate:down
ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(12, 2);
