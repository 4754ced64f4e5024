-- One risk value ("ALTO", "Moderate", "no risk", "crítico") to critical/high/medium/low/none.
CREATE OR REPLACE FUNCTION etl_parse_risk_level(p_value text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_words text[] := array_remove(regexp_split_to_array(etl_parse_fold(p_value), '[^a-z]+'), '');
    v_word text;
    v_level text;
BEGIN
    IF v_words IN ('{no}', '{sin}') THEN
        RETURN 'none';
    END IF;
    -- A question ("high?") is no level.
    IF strpos(p_value, '?') > 0 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1..coalesce(array_length(v_words, 1), 0) LOOP
        v_word := v_words[i];
        IF v_word IN ('no', 'sin') AND v_words[i + 1] IN ('risk', 'riesgo') THEN
            v_word := 'none';
        ELSIF v_word IN ('not', 'no', 'nor', 'ni', 'never') THEN
            RETURN NULL;  -- "not high", "no alto": denied, not stated
        END IF;
        v_word := CASE
            WHEN v_word IN ('critical', 'critico', 'critica', 'extreme', 'extremo', 'extrema', 'severe', 'severo',
                            'severa') THEN 'critical'
            WHEN v_word IN ('high', 'alto', 'alta', 'elevated', 'elevado', 'elevada') THEN 'high'
            WHEN v_word IN ('medium', 'moderate', 'moderado', 'moderada', 'medio', 'media', 'intermediate',
                            'intermedio', 'intermedia') THEN 'medium'
            WHEN v_word IN ('low', 'bajo', 'baja', 'minimal', 'minimo', 'minima') THEN 'low'
            WHEN v_word IN ('none', 'ninguno', 'ninguna', 'nulo', 'nula', 'nil', 'zero', 'cero') THEN 'none'
        END;
        IF v_word IS NOT NULL AND v_level IS NOT NULL AND v_word <> v_level THEN
            RETURN NULL;  -- two levels: "medium-high", "low or medium" is a range
        END IF;
        v_level := coalesce(v_level, v_word);
    END LOOP;
    RETURN v_level;
END
$$;

COMMENT ON FUNCTION etl_parse_risk_level(text) IS
'Maps a risk value written in English or Spanish to exactly one of critical, high, medium, low, '
'none (moderate/medio/moderado = medium; extreme/severe = critical; "no risk", "sin riesgo", '
'ninguno, nulo, zero and a bare "no" = none). No level: no risk word, a question ("high?"), two '
'levels ("medium-high", "low or medium"), a denied one ("not high"): NULL.';

REVOKE ALL ON FUNCTION etl_parse_risk_level(text) FROM PUBLIC;
