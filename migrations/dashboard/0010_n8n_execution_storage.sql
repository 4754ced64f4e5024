-- n8n 2.x may keep an execution's data outside its database: execution_entity."storedAt" says
-- where (db, fs, s3, az). A foreign table of its own, read only when execution_data has no row,
-- so that n8n 1.x, which has no such column, is never asked for it on the common path.
-- depends: 0009_fresh_facts_and_reconcile_mark

CREATE FOREIGN TABLE n8n.execution_storage (
    id integer NOT NULL,
    "storedAt" varchar NOT NULL,
    "jsonSizeBytes" bigint,
    "binaryDataSizeBytes" bigint
) SERVER sai_n8n OPTIONS (schema_name 'public', table_name 'execution_entity');

COMMENT ON FOREIGN TABLE n8n.execution_storage IS
'n8n 2.x: where each execution''s data is kept ("storedAt": db, fs, s3, az) and its sizes (read only; '
'n8n 1.x has no such columns, and a read of it there fails with 42703).';

-- n8n 2.x database binary mode: which execution a file belongs to, as n8n recorded it (webhook
-- uploads keep 'temp'). The extraction reads files by "fileId" alone; health and tests read these.
ALTER FOREIGN TABLE n8n.binary_data ADD COLUMN "sourceType" varchar(50), ADD COLUMN "sourceId" varchar(255);
