"""`sai-etl migrate`: the schema (yoyo migrations, sql/) and the links between the databases."""
