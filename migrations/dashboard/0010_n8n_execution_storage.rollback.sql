DROP FOREIGN TABLE n8n.execution_storage;
ALTER FOREIGN TABLE n8n.binary_data DROP COLUMN "sourceType", DROP COLUMN "sourceId";
