DO $$
DECLARE t text := 'users';
BEGIN
  EXECUTE 'ALTER TABLE ' || quote_ident(t) || ' ADD COLUMN note text';
  EXECUTE 'CREATE INDEX users_note_idx ON users (note)';
  UPDATE users SET note = 'x' WHERE note IS NULL;
END
$$;
