-- etl_image_locator: where the camera frame of an execution is, and only what the runner needs of it.

CREATE OR REPLACE FUNCTION public.etl_image_locator(
    p_doc jsonb,
    p_item_path text[],
    OUT image_source text,
    OUT image_base64 text,
    OUT image_path text,
    OUT image_bytes bytea,
    OUT image_mime_type text,
    OUT image_file_name text,
    OUT reason text
)
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    v_binary jsonb;
    v_candidate text;
    v_key text;
    v_entry text[];
    v_id text;
    v_data jsonb;
    v_file uuid;
    v_row record;
BEGIN
    IF p_item_path IS NULL THEN
        RETURN;
    END IF;

    -- binary.<key>: the key `image` first, then one whose mimeType says image, then any. Only simple
    -- expressions take p_doc: a query would copy the megabyte into its plan.
    v_binary := public.etl_flatted_node(p_doc, p_item_path || '{binary}');
    IF jsonb_typeof(v_binary) = 'object' THEN
        FOR v_candidate IN SELECT k FROM jsonb_object_keys(v_binary) AS k ORDER BY k = 'image' DESC, k LOOP
            v_entry := p_item_path || ARRAY['binary', v_candidate];
            CONTINUE WHEN jsonb_typeof(public.etl_flatted_node(p_doc, v_entry)) IS DISTINCT FROM 'object';
            IF v_candidate = 'image'
                OR public.etl_flatted_node(p_doc, v_entry || '{mimeType}') #>> '{}' ILIKE 'image/%' THEN
                v_key := v_candidate;
                EXIT;
            END IF;
            v_key := coalesce(v_key, v_candidate);
        END LOOP;
    END IF;

    IF v_key IS NOT NULL THEN
        v_entry := p_item_path || ARRAY['binary', v_key];
        v_id := public.etl_flatted_node(p_doc, v_entry || '{id}') #>> '{}';
        v_data := public.etl_flatted_node(p_doc, v_entry || '{data}');
        image_mime_type := public.etl_flatted_node(p_doc, v_entry || '{mimeType}') #>> '{}';
        image_file_name := public.etl_flatted_node(p_doc, v_entry || '{fileName}') #>> '{}';
        IF v_id ~ '^filesystem(-v2)?:.' THEN
            -- filesystem-v2:workflows/<wf>/executions/<id|temp>/binary_data/<uuid>, or legacy
            -- filesystem:<name>: a file under n8n's binaryData folder (the runner guards the path).
            image_source := 'filesystem';
            image_path := substr(v_id, strpos(v_id, ':') + 1);
        ELSIF v_id LIKE 'database:%' THEN
            image_source := 'database';
            IF substr(v_id, 10) ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' THEN
                v_file := substr(v_id, 10)::uuid;
                SELECT b.data, b."mimeType", b."fileName" INTO v_row
                FROM n8n.binary_data AS b
                WHERE b."fileId" = v_file;
                IF FOUND THEN
                    image_bytes := v_row.data;
                    image_mime_type := coalesce(image_mime_type, v_row."mimeType");
                    image_file_name := coalesce(image_file_name, v_row."fileName");
                ELSE
                    reason := format('n8n binary_data has no file %s', v_file);
                END IF;
            ELSE
                reason := format('binary data id %s names no file', left(v_id, 200));
            END IF;
        ELSIF v_id IS NOT NULL AND v_id <> '' THEN
            reason := format('binary data id %s: mode %s is not one sai-etl reads', left(v_id, 200),
                split_part(v_id, ':', 1));
            image_mime_type := NULL;
            image_file_name := NULL;
        ELSIF jsonb_typeof(v_data) = 'string' AND v_data <> '""' THEN
            image_source := 'binary';
            image_base64 := v_data #>> '{}';
        ELSE
            image_mime_type := NULL;
            image_file_name := NULL;
        END IF;
    END IF;

    IF image_source IS NULL AND reason IS NULL THEN
        v_data := public.etl_flatted_node(p_doc, p_item_path || '{json,body,image}');
        IF jsonb_typeof(v_data) = 'string' AND v_data <> '""' THEN
            image_source := 'body';
            image_base64 := v_data #>> '{}';
            image_mime_type := lower(substring(image_base64 FROM '^data:([^;,]+)'));
        END IF;
    END IF;
END
$$;

COMMENT ON FUNCTION public.etl_image_locator(jsonb, text[]) IS
'The camera frame of the webhook item at p_item_path (etl_webhook_item) in a parsed flatted execution. '
'binary.<key> (key image first, then an image/* mimeType, then any): inline base64 -> source binary '
'(image_base64); id filesystem-v2:<path> or filesystem:<path> -> source filesystem (image_path '
'relative to n8n''s binaryData folder); id database:<uuid> -> source database (image_bytes read from '
'n8n.binary_data, only that row). Else json.body.image, base64 or a data: URL -> source body '
'(image_base64 as sent; the data URL''s media type as image_mime_type). mimeType and fileName are what '
'n8n recorded, claims only. All NULL: no image. reason says why a frame n8n recorded cannot be '
'handed over: a database file that is gone (source database, no bytes) or an unsupported binary '
'data mode such as s3 (source NULL).';
