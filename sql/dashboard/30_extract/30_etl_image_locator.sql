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
    v_file uuid;
    v_row record;
    v_source text;
    v_ref jsonb;
    v_index integer;
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
        v_entry := p_item_path || ARRAY['binary', v_key];
    END IF;

    IF v_key IS NOT NULL THEN
        image_mime_type := public.etl_flatted_node(p_doc, v_entry || '{mimeType}') #>> '{}';
        image_file_name := public.etl_flatted_node(p_doc, v_entry || '{fileName}') #>> '{}';
        v_id := CASE
            WHEN jsonb_typeof(public.etl_flatted_node(p_doc, v_entry || '{id}')) = 'string'
                THEN nullif(public.etl_flatted_node(p_doc, v_entry || '{id}') #>> '{}', '')
        END;
        -- Stored outside the execution: the id says where.
        IF v_id ~ '^filesystem(-v2)?:.' THEN
            -- filesystem-v2:workflows/<wf>/executions/<id|temp>/binary_data/<uuid>, or legacy
            -- filesystem:<name>: a file under n8n's binaryData folder (the runner guards the path).
            image_source := 'filesystem';
            image_path := substr(v_id, strpos(v_id, ':') + 1);
            RETURN;
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
            RETURN;
        ELSIF v_id IS NOT NULL THEN
            reason := format('binary data id %s: mode %s is not one sai-etl reads', left(v_id, 200),
                split_part(v_id, ':', 1));
            image_mime_type := NULL;
            image_file_name := NULL;
            RETURN;
        END IF;
    END IF;

    -- Inline base64: binary.<key>.data, else json.body.image. The raw element's member is a
    -- reference (etl_flatted_ref checks it) and ->> copies the string out once, where a walk to
    -- the leaf would hand the megabyte back as a jsonb scalar, copied several times over.
    FOREACH v_source IN ARRAY ARRAY['binary', 'body'] LOOP
        v_ref := CASE v_source
            WHEN 'binary' THEN public.etl_flatted_node(p_doc, v_entry) -> 'data'
            ELSE public.etl_flatted_node(p_doc, p_item_path || '{json,body}') -> 'image'
        END;
        IF jsonb_typeof(v_ref) = 'string' THEN
            v_index := public.etl_flatted_ref(p_doc, v_ref);
            IF jsonb_path_exists(p_doc, '$[$i] ? (@.type() == "string")', jsonb_build_object('i', v_index)) THEN
                -- An empty string is a payload too: the camera sent a frame field with nothing in
                -- it, which the runner records as an invalid image (empty payload), not as none.
                image_base64 := p_doc ->> v_index;
            END IF;
        END IF;
        IF image_base64 IS NOT NULL THEN
            image_source := v_source;
            IF v_source = 'body' THEN
                image_mime_type := lower(substring(image_base64 FROM '^data:([^;,]+)'));
                image_file_name := NULL;
            END IF;
            RETURN;
        END IF;
    END LOOP;
    image_mime_type := NULL;
    image_file_name := NULL;
END
$$;

COMMENT ON FUNCTION public.etl_image_locator(jsonb, text[]) IS
'The camera frame of the webhook item at p_item_path (etl_webhook_item) in a parsed flatted execution. '
'binary.<key> (key image first, then an image/* mimeType, then any): inline base64 -> source binary '
'(image_base64); id filesystem-v2:<path> or filesystem:<path> -> source filesystem (image_path '
'relative to n8n''s binaryData folder); id database:<uuid> -> source database (image_bytes read from '
'n8n.binary_data, only that row). Else json.body.image, base64 or a data: URL -> source body '
'(image_base64 as sent; the data URL''s media type as image_mime_type). An empty string is handed '
'over as it is (the runner records it as an invalid image). mimeType and fileName are what '
'n8n recorded, claims only. All NULL: no image. reason says why a frame n8n recorded cannot be '
'handed over: a database file that is gone (source database, no bytes) or an unsupported binary '
'data mode such as s3 (source NULL).';

REVOKE ALL ON FUNCTION public.etl_image_locator(jsonb, text[]) FROM PUBLIC;
