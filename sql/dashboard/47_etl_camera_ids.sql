-- etl_camera_ids: the camera node and camera that sent an execution's request.

CREATE OR REPLACE FUNCTION public.etl_camera_ids(
    p_doc jsonb,
    p_item_path text[],
    OUT node_id text,
    OUT camera_id text
)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- A value counts when it is a non-empty string or a number; the body wins over the query
    -- string, which wins over x-node-id / x-camera-id headers (n8n lowercases header names).
    SELECT
        (
            SELECT v #>> '{}' FROM unnest(ARRAY[
                public.etl_flatted_node(p_doc, p_item_path || '{json,body,node_id}'),
                public.etl_flatted_node(p_doc, p_item_path || '{json,query,node_id}'),
                public.etl_flatted_node(p_doc, p_item_path || '{json,headers,x-node-id}')
            ]) WITH ORDINALITY AS c (v, pos)
            WHERE p_item_path IS NOT NULL AND jsonb_typeof(v) IN ('string', 'number') AND v #>> '{}' <> ''
            ORDER BY pos
            LIMIT 1
        ),
        (
            SELECT v #>> '{}' FROM unnest(ARRAY[
                public.etl_flatted_node(p_doc, p_item_path || '{json,body,camera_id}'),
                public.etl_flatted_node(p_doc, p_item_path || '{json,query,camera_id}'),
                public.etl_flatted_node(p_doc, p_item_path || '{json,headers,x-camera-id}')
            ]) WITH ORDINALITY AS c (v, pos)
            WHERE p_item_path IS NOT NULL AND jsonb_typeof(v) IN ('string', 'number') AND v #>> '{}' <> ''
            ORDER BY pos
            LIMIT 1
        )
$$;

COMMENT ON FUNCTION public.etl_camera_ids(jsonb, text[]) IS
'node_id and camera_id of the webhook item at p_item_path (etl_webhook_item) in a parsed flatted '
'execution: from json.body, else json.query, else the x-node-id / x-camera-id headers; a non-empty '
'string or a number, kept as text exactly as sent. NULL when the request did not say (or p_item_path '
'is NULL).';
