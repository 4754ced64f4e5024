-- etl_camera_ids: the camera node and camera that sent an execution's request.

CREATE OR REPLACE FUNCTION public.etl_camera_ids(
    p_doc jsonb,
    p_item_path text[],
    OUT node_id text,
    OUT camera_id text
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_place text;
    v_value jsonb;
BEGIN
    IF p_item_path IS NULL THEN
        RETURN;
    END IF;
    -- The body wins over the query string, which wins over headers (n8n lowercases their names).
    FOREACH v_place IN ARRAY ARRAY['body', 'query', 'headers'] LOOP
        IF node_id IS NULL THEN
            v_value := public.etl_flatted_node(p_doc, p_item_path
                || ARRAY['json', v_place, CASE v_place WHEN 'headers' THEN 'x-node-id' ELSE 'node_id' END]);
            IF jsonb_typeof(v_value) IN ('string', 'number') AND v_value #>> '{}' <> '' THEN
                node_id := v_value #>> '{}';
            END IF;
        END IF;
        IF camera_id IS NULL THEN
            v_value := public.etl_flatted_node(p_doc, p_item_path
                || ARRAY['json', v_place, CASE v_place WHEN 'headers' THEN 'x-camera-id' ELSE 'camera_id' END]);
            IF jsonb_typeof(v_value) IN ('string', 'number') AND v_value #>> '{}' <> '' THEN
                camera_id := v_value #>> '{}';
            END IF;
        END IF;
    END LOOP;
END
$$;

COMMENT ON FUNCTION public.etl_camera_ids(jsonb, text[]) IS
'node_id and camera_id of the webhook item at p_item_path (etl_webhook_item) in a parsed flatted '
'execution: from json.body, else json.query, else the x-node-id / x-camera-id headers; a non-empty '
'string or a number, kept as text exactly as sent. NULL when the request did not say (or p_item_path '
'is NULL).';

REVOKE ALL ON FUNCTION public.etl_camera_ids(jsonb, text[]) FROM PUBLIC;
