-- Finds the JSON object a model put in its response: the whole response, the first ``` code
-- fence, or the first {...} in the text.
CREATE OR REPLACE FUNCTION etl_parse_json_object(p_response text)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_candidate text;
    v_rest text;
    v_fence integer;
    v_start integer;
    v_end integer;
    v_json jsonb;
BEGIN
    v_candidate := btrim(p_response, E' \t\r\n');
    IF left(v_candidate, 1) NOT IN ('{', '[') OR NOT etl_parse_json_valid(v_candidate) THEN
        v_candidate := NULL;
        v_fence := strpos(p_response, '```');
        IF v_fence > 0 THEN
            v_rest := substr(p_response, v_fence + 3);
            v_end := strpos(v_rest, '```');
            IF v_end > 0 THEN
                -- Drop the fence's language tag (```json), keep what the fence holds.
                v_candidate := btrim(regexp_replace(left(v_rest, v_end - 1), '^[A-Za-z0-9_+-]*', ''), E' \t\r\n');
                IF left(v_candidate, 1) NOT IN ('{', '[') OR NOT etl_parse_json_valid(v_candidate) THEN
                    v_candidate := NULL;
                END IF;
            END IF;
        END IF;
    END IF;
    IF v_candidate IS NULL THEN
        -- The first object in the text: from the first "{" to the last "}", else to the nearest
        -- "}" that closes a valid object (a bounded number of tries keeps odd texts cheap).
        v_start := strpos(p_response, '{');
        IF v_start = 0 OR strpos(p_response, '}') = 0 THEN
            RETURN NULL;
        END IF;
        v_rest := substr(p_response, v_start);
        v_end := length(v_rest) - strpos(reverse(v_rest), '}') + 1;
        IF etl_parse_json_valid(left(v_rest, v_end)) THEN
            v_candidate := left(v_rest, v_end);
        ELSE
            v_end := 0;
            FOR i IN 1..16 LOOP
                v_start := strpos(substr(v_rest, v_end + 1), '}');
                EXIT WHEN v_start = 0;
                v_end := v_end + v_start;
                IF etl_parse_json_valid(left(v_rest, v_end)) THEN
                    v_candidate := left(v_rest, v_end);
                    EXIT;
                END IF;
            END LOOP;
        END IF;
    END IF;
    IF v_candidate IS NULL THEN
        RETURN NULL;
    END IF;
    v_json := v_candidate::jsonb;
    IF jsonb_typeof(v_json) = 'array' THEN
        -- A list of findings: the first object in it.
        SELECT e.value INTO v_json
        FROM jsonb_array_elements(v_json) WITH ORDINALITY AS e (value, n)
        WHERE jsonb_typeof(e.value) = 'object'
        ORDER BY e.n
        LIMIT 1;
    END IF;
    RETURN CASE WHEN jsonb_typeof(v_json) = 'object' THEN v_json END;
END
$$;

COMMENT ON FUNCTION etl_parse_json_object(text) IS
'The JSON object in a model response: the whole response, else the first ``` (or ```json) code '
'fence, else the first {...} in the text; an array counts by its first object. NULL when there is '
'none or it is not valid JSON (never raises), so the caller falls back to the text rules.';

REVOKE ALL ON FUNCTION etl_parse_json_object(text) FROM PUBLIC;
