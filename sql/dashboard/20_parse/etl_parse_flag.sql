-- One detection value from the model's JSON (true, "yes", "sí", 1, "not detected", ...) to a boolean.
CREATE OR REPLACE FUNCTION etl_parse_flag(p_value jsonb)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE jsonb_typeof(p_value)
        WHEN 'boolean' THEN p_value::boolean
        WHEN 'number' THEN CASE p_value::numeric WHEN 1 THEN true WHEN 0 THEN false END
        WHEN 'string' THEN CASE
            WHEN lower(translate(btrim(p_value #>> '{}'), 'Íí', 'ii')) IN (
                'true', 'yes', 'y', 'si', '1', 'detected', 'present', 'visible',
                'detectado', 'detectada', 'presente', 'verdadero'
            ) THEN true
            WHEN lower(btrim(p_value #>> '{}')) IN (
                'false', 'no', 'n', '0', 'none', 'absent', 'not detected', 'not visible',
                'no detectado', 'no detectada', 'ausente', 'falso', 'ninguno'
            ) THEN false
        END
    END
$$;

COMMENT ON FUNCTION etl_parse_flag(jsonb) IS
'Reads a smoke/flame/heat value of the model''s JSON: JSON booleans, 1/0 and the usual English and '
'Spanish yes/no words; any other value (e.g. "unknown", "maybe", an object) is NULL, not false.';

REVOKE ALL ON FUNCTION etl_parse_flag(jsonb) FROM PUBLIC;
