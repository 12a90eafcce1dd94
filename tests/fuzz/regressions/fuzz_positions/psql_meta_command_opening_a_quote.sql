SELECT 1;
\i "unterminated.sql
