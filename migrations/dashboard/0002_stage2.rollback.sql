DROP FOREIGN TABLE n8n.binary_data;
DROP TABLE etl_node_overrides;
DROP TABLE execution_notifications;
DROP TABLE execution_images;
DROP TABLE execution_analysis;
