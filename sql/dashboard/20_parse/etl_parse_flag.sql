-- One detection value from the model's JSON (true, "yes", "sí", 1, "not detected", ...) to a boolean.
CREATE OR REPLACE FUNCTION etl_parse_flag(p_value jsonb)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_words text[];
BEGIN
    CASE jsonb_typeof(p_value)
        WHEN 'boolean' THEN
            RETURN p_value::boolean;
        WHEN 'number' THEN
            RETURN CASE p_value::numeric WHEN 1 THEN true WHEN 0 THEN false END;
        WHEN 'string' THEN
            v_words := array_remove(regexp_split_to_array(etl_parse_fold(p_value #>> '{}'), '[^a-z0-9]+'), '');
        ELSE
            RETURN NULL;
    END CASE;
    -- A hedged or unknown answer says nothing: "probably", "maybe yes", "unknown", "not evaluated".
    IF v_words && ARRAY[
        'maybe', 'possibly', 'possible', 'probably', 'likely', 'unlikely', 'unclear', 'uncertain', 'unsure',
        'unknown', 'evaluated', 'assessed', 'applicable', 'available', 'determined', 'posible', 'posiblemente',
        'quizas', 'probablemente', 'desconocido', 'desconocida', 'evaluado', 'evaluada', 'aplica', 'determinado',
        'determinada', 'disponible', 'na', 'nd', 'sure', 'certain', 'clear', 'data', 'info', 'information',
        'seguro', 'segura', 'claro', 'datos', 'informacion', 'idea', 'confirmed', 'confirmado', 'confirmada'
    ] OR v_words[1:2] = ARRAY['n', 'a'] THEN
        RETURN NULL;
    END IF;
    -- The first word answers: "yes, dense", "sí", "detected", "no", "none visible", "not detected".
    RETURN CASE
        WHEN v_words[1] IN (
            'true', 'yes', 'y', 'si', '1', 'detected', 'present', 'visible', 'detectado', 'detectada', 'presente',
            'verdadero', 'confirmed', 'positive', 'positivo'
        ) THEN true
        WHEN v_words[1] IN (
            'false', 'no', 'n', '0', 'none', 'absent', 'ausente', 'falso', 'ninguno', 'ninguna', 'nope', 'negative',
            'negativo', 'not'
        ) THEN false
    END;
END
$$;

COMMENT ON FUNCTION etl_parse_flag(jsonb) IS
'Reads a smoke/flame/heat value of the model''s JSON: JSON booleans, 1/0, and a string whose first '
'word is an English or Spanish yes/no ("yes, dense", "sí", "detected", "none visible", "not '
'detected", "no"). NULL: a hedge or an unknown ("probably", "maybe", "unknown", "n/a", "not '
'evaluated", "not sure", "no data", "not confirmed", "no aplica"), any other value (a probability '
'such as 0.4, an object): not false.';

REVOKE ALL ON FUNCTION etl_parse_flag(jsonb) FROM PUBLIC;
