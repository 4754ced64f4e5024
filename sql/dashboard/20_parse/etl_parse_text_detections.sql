-- Smoke, flame and heat-signature detections in a free-text response (its asserted tokens), English
-- or Spanish, with negation ("No smoke, flames or heat signatures are visible" is false for all
-- three), and the rule that settled each.
CREATE OR REPLACE FUNCTION etl_parse_text_detections(
    p_tokens text[],
    OUT smoke_detected boolean,
    OUT flame_detected boolean,
    OUT heat_signature_detected boolean,
    OUT smoke_rule text,
    OUT flame_rule text,
    OUT heat_rule text
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    -- The words the rules know and what each is; '?' kinds depend on the neighbouring words.
    c_kind CONSTANT jsonb := etl_parse_word_kinds();
    v_word text[] := p_tokens;
    -- What each token is: smoke/flame/heat, or its part in the rules (stop, comma, pre, either, ...).
    v_kind text[] := '{}';
    -- What each of smoke (1), flame (2), heat (3) was found to be; a positive mention wins.
    v_found boolean[] := ARRAY[NULL, NULL, NULL]::boolean[];
    -- A cue governing the next mentions: 'neg' (no, sin, without, ...) or 'neutral' (look for, whether).
    v_scope text;
    -- The scope has named a thing: from then on only list words ("," "or" "ni" "any") keep it open.
    v_listing boolean := false;
    v_gap integer := 0;
    -- The clause is an instruction echoed from the prompt ("Report smoke, flame and heat").
    v_clause_neutral boolean := false;
    -- Mentions not negated before them, waiting for a negation after them ("Smoke: not detected").
    v_pending integer[] := '{}';
    v_pending_neutral boolean[] := '{}';
    v_pending_gap integer := 0;
    v_verdict text;
    v_value boolean;
    v_before boolean;
    v_rule text[] := ARRAY[NULL, NULL, NULL]::text[];
    -- The words beside a '?' token, across a hyphen.
    v_prev_word text;
    v_next_word text;
    v_thing integer;
    v_next integer;
    -- The kind of the last token read (skips aside): "Smoke:" then a line end answers nothing.
    v_last text;
BEGIN
    FOR i IN 1..coalesce(array_length(v_word, 1), 0) LOOP
        v_kind[i] := coalesce(c_kind ->> v_word[i], 'word');
        IF left(v_kind[i], 1) = '?' THEN
            -- The neighbours across a hyphen: "fire-fighting", "smoke-detector", "heat-wave".
            v_next_word := CASE WHEN v_word[i + 1] = '-' THEN v_word[i + 2] ELSE v_word[i + 1] END;
            v_prev_word := CASE WHEN v_word[i - 1] = '-' THEN v_word[i - 2] ELSE v_word[i - 1] END;
            v_kind[i] := CASE v_kind[i]
                -- "fire risk", "risk of fire", "riesgo de incendio", "wildfire smoke": no flame seen.
                WHEN '?fire' THEN CASE
                    WHEN v_next_word IN (
                        'risk', 'risks', 'danger', 'hazard', 'hazards', 'weather', 'season', 'prone', 'detection',
                        'detector', 'warning', 'warnings', 'alert', 'alerts', 'monitoring', 'prevention', 'safety',
                        'department', 'station', 'fighters', 'fighter', 'fighting', 'truck', 'trucks', 'break',
                        'breaks', 'index', 'smoke', 'smokes', 'hydrant', 'hydrants', 'extinguisher', 'escape',
                        'exit', 'alarm', 'alarms', 'door', 'lane', 'tower', 'drill', 'brigade'
                    ) OR (
                        v_prev_word IN ('of', 'for', 'de', 'del')
                        AND v_word[i - 2] IN (
                            'risk', 'danger', 'threat', 'chance', 'likelihood', 'probability', 'possibility',
                            'prevention', 'detection', 'riesgo', 'peligro', 'amenaza', 'probabilidad', 'posibilidad',
                            'prevencion', 'deteccion', 'alerta', 'indice'
                        )
                    ) THEN 'word'
                    ELSE 'flame'
                END
                WHEN '?llama' THEN CASE WHEN v_prev_word = 'se' THEN 'word' ELSE 'flame' END
                -- "smoke detector", "thermal camera", "cámara térmica": the device, not the thing.
                WHEN '?smoke' THEN CASE
                    WHEN v_next_word IN ('detector', 'detectors', 'alarm', 'alarms', 'sensor', 'sensors') THEN 'word'
                    ELSE 'smoke'
                END
                WHEN '?thermal' THEN CASE
                    WHEN v_next_word IN (
                        'camera', 'cameras', 'sensor', 'sensors', 'channel', 'imaging', 'image', 'imagery', 'data',
                        'band', 'view', 'lens', 'feed'
                    ) THEN 'word'
                    ELSE 'heat'
                END
                WHEN '?termica' THEN
                    CASE WHEN v_prev_word IN ('camara', 'camaras', 'sensor', 'canal') THEN 'word' ELSE 'heat' END
                -- "Hace calor", "mucho calor": the weather.
                WHEN '?calor' THEN CASE
                    WHEN v_prev_word IN ('hace', 'mucho', 'poco', 'tanto') OR etl_parse_weather_near(v_word, i) THEN 'word'
                    ELSE 'heat'
                END
                -- "not evaluated", "no aplica", "sin datos": the model did not look; see the post-pass.
                WHEN '?unstated' THEN CASE
                    WHEN v_prev_word IN ('not', 'no', 'sin') THEN 'unknown' ELSE 'word'
                END
                -- "n/a", "N/D"; "Smoke: N" is no, "Humo: Y" is yes.
                WHEN '?n' THEN CASE
                    WHEN v_next_word = '/' THEN 'unknown'
                    WHEN v_prev_word IN (':', '=') THEN 'postneg'
                    ELSE 'word'
                END
                WHEN '?y' THEN CASE WHEN v_prev_word IN (':', '=') THEN 'postpos' ELSE 'list' END
                -- "Fire has been ruled out" (its doubt, "cannot be ruled out", is left out before).
                WHEN '?ruled' THEN CASE WHEN v_next_word = 'out' THEN 'postneg' ELSE 'word' END
                -- "heat wave", "summer heat", "heat is high in the afternoon": the weather.
                WHEN '?heat' THEN CASE
                    WHEN v_next_word IN ('wave', 'waves', 'haze', 'shimmer', 'index')
                        OR v_prev_word IN ('hot', 'summer', 'afternoon', 'ambient', 'midday')
                        OR etl_parse_weather_near(v_word, i) THEN 'word'
                    ELSE 'heat'
                END
                WHEN '?hot' THEN CASE WHEN v_next_word IN ('spot', 'spots') THEN 'heat' ELSE 'word' END
                WHEN '?caliente' THEN CASE
                    WHEN v_prev_word IN ('punto', 'puntos', 'zona', 'zonas', 'foco', 'focos') THEN 'heat' ELSE 'word'
                END
                -- "fog rather than smoke", "instead of flames", "en lugar de humo": not that thing.
                WHEN '?instead' THEN CASE WHEN v_next_word = 'of' THEN 'pre' ELSE 'contrast' END
                WHEN '?rather' THEN CASE WHEN v_next_word = 'than' THEN 'pre' ELSE 'word' END
                WHEN '?lugar' THEN CASE WHEN v_prev_word = 'en' AND v_next_word = 'de' THEN 'pre' ELSE 'word' END
                -- "free of smoke" before, "smoke-free" after.
                WHEN '?free' THEN CASE WHEN v_next_word IN ('of', 'de') THEN 'pre' ELSE 'postneg' END
                WHEN '?clear' THEN CASE WHEN v_next_word IN ('of', 'de') THEN 'pre' ELSE 'word' END
                -- Spanish "si hay humo" is "whether there is smoke"; "Humo: sí" is yes.
                WHEN '?si' THEN CASE
                    WHEN v_next_word IN ('hay', 'existe', 'existen', 'se', 'el', 'la', 'los', 'las') THEN 'neutral'
                    ELSE 'postpos'
                END
                -- A prompt's instruction opens its clause: "Report risk level, smoke, flame and heat."
                WHEN '?imperative' THEN CASE
                    WHEN v_prev_word IS NULL OR v_prev_word IN ('.', ';', '!', '?', '|', ':', E'\n') THEN 'imperative'
                    WHEN v_word[i] = 'detecta' THEN 'presence'
                    ELSE 'word'
                END
            END;
        END IF;
    END LOOP;

    -- Post-pass: what neighbours decide across several tokens (only questions, negations and
    -- values after a colon start one).
    FOR i IN 1..coalesce(array_length(v_word, 1), 0) LOOP
        CONTINUE WHEN v_kind[i] NOT IN ('question', 'either', 'pre') AND v_kind[i - 1] IS DISTINCT FROM 'colon';
        IF v_kind[i] = 'question' THEN
            -- "Any flames? None.", "Smoke? Yes, thin.", "Q: ... smoke? A: No", "¿Hay humo? Sí": the answer
            -- after the question mark settles what the question named; no answer settles nothing.
            v_next := i + 1;
            WHILE v_word[v_next] IN ('a', 'answer', 'respuesta', 'r', ':', '-', E'\n') LOOP
                v_next := v_next + 1;
            END LOOP;
            v_kind[i] := CASE
                WHEN v_word[v_next] IN (
                    'yes', 'si', 'y', 'yeah', 'yep', 'true', 'present', 'detected', 'visible', 'visibles', 'presente',
                    'detectado', 'detectada', 'confirmed', 'positive', 'positivo'
                ) THEN 'q_yes'
                WHEN v_word[v_next] IN (
                    'no', 'none', 'nope', 'nothing', 'ninguno', 'ninguna', 'nada', 'false', 'n', 'negative',
                    'negativo', 'absent', 'ausente'
                ) OR (v_word[v_next] = 'not' AND v_kind[v_next + 1] = 'presence') THEN 'q_no'
                ELSE 'q_none'
            END;
            -- A bare answer ("No.", "Yes, on the left") has said its part; "No smoke" still reads on.
            IF v_kind[i] <> 'q_none' AND (v_kind[v_next + 1] IS NULL
                OR v_kind[v_next + 1] IN ('stop', 'comma', 'question', 'presence', 'contrast')) THEN
                FOR j IN i + 1..v_next LOOP
                    v_kind[j] := 'skip';
                END LOOP;
                IF v_kind[v_next + 1] = 'presence' THEN
                    v_kind[v_next + 1] := 'skip';
                END IF;
            END IF;
        ELSIF v_word[i] IN ('not', 'no') AND (v_word[i + 1] IN ('true', 'cierto', 'verdad')
            OR v_word[i + 1] IN ('es', 'is') AND v_word[i + 2] IN ('true', 'cierto', 'verdad')) THEN
            -- "It is not true that there is no smoke", "No es cierto que no haya humo": the next
            -- negation in the sentence is taken back.
            v_kind[i] := 'skip';
            v_kind[i + 1] := 'skip';
            v_kind[i + 2] := CASE WHEN v_word[i + 1] IN ('es', 'is') THEN 'skip' ELSE v_kind[i + 2] END;
            FOR j IN i + 2..i + 12 LOOP
                EXIT WHEN v_kind[j] IS NULL OR v_kind[j] IN ('stop', 'question');
                IF v_kind[j] IN ('either', 'pre') THEN
                    v_kind[j] := 'skip';
                    EXIT;
                END IF;
            END LOOP;
        ELSIF v_kind[i] IN ('either', 'pre') AND v_kind[i + 1] = 'unknown' THEN
            v_kind[i] := 'skip';  -- "not evaluated", "no determinado", "sin datos"
        ELSIF v_kind[i] = 'either' AND v_word[i] IN ('not', 'no') AND v_kind[i + 1] = 'postneg' THEN
            -- "Smoke is not absent": a double negation states it.
            v_kind[i] := 'skip';
            v_kind[i + 1] := 'postpos';
        ELSIF v_word[i] ~ '^[0-9]' AND v_kind[i - 1] = 'colon' THEN
            -- A number for a thing ("Smoke: 0", "Flames: 1", "Probability of smoke: 0%"): 0 is no, 1 or
            -- 100% yes, any other is a probability, not a detection.
            v_kind[i] := CASE
                WHEN v_word[i] ~ '^0+([.,]0+)?$' THEN 'postneg'
                WHEN v_word[i] ~ '^1([.,]0+)?$' OR (v_word[i] = '100' AND v_word[i + 1] = '%') THEN 'postpos'
                ELSE 'unknown'
            END;
        END IF;
    END LOOP;

    FOR i IN 1..coalesce(array_length(v_word, 1), 0) LOOP
        CONTINUE WHEN v_kind[i] = 'skip';
        -- First: does this token settle the pending mentions?
        v_verdict := NULL;
        IF v_kind[i] IN ('stop', 'unknown', 'drop', 'q_none', 'q_yes', 'q_no') THEN
            v_verdict := CASE
                WHEN v_kind[i] = 'q_yes' THEN 'answer_yes'
                WHEN v_kind[i] = 'q_no' THEN 'answer_no'
                -- "Smoke: --" (a field left empty), "Smoke: unknown", "what looks like smoke is
                -- actually fog", a question left unanswered: nothing said.
                WHEN v_kind[i] <> 'stop' OR v_last = 'colon' THEN 'drop'
                ELSE 'pos'
            END;
        ELSIF v_kind[i] IN ('contrast', 'pre', 'neutral') THEN
            v_verdict := 'pos';
        ELSIF v_kind[i] = 'comma' THEN
            IF v_kind[i + 1] IS NULL OR v_kind[i + 1] NOT IN ('smoke', 'flame', 'heat', 'list') THEN
                v_verdict := 'pos';
            END IF;
        ELSIF v_kind[i] IN ('smoke', 'flame', 'heat') THEN
            IF v_pending_gap > 0 THEN
                v_verdict := 'pos';
            END IF;
        ELSIF v_kind[i] = 'either' THEN
            -- A thing ahead in the same clause makes it a negation before that thing.
            v_before := false;
            FOR j IN i + 1..i + 5 LOOP
                EXIT WHEN v_kind[j] IS NULL OR v_kind[j] IN ('stop', 'comma', 'colon', 'contrast', 'question', 'q_yes', 'q_no', 'q_none');
                IF v_kind[j] IN ('smoke', 'flame', 'heat') THEN
                    v_before := true;
                    EXIT;
                END IF;
            END LOOP;
            IF v_before THEN
                v_verdict := 'pos';
            ELSIF v_word[i] NOT IN ('no', 'not')
                OR v_kind[i + 1] IS NULL
                OR v_kind[i + 1] IN ('stop', 'comma', 'colon', 'contrast', 'presence')
                OR v_kind[i + 2] = 'presence' THEN
                -- "Smoke: none", "Flames: no.", "smoke is not visible"; not "smoke is not dense".
                v_verdict := 'neg';
            END IF;
        ELSIF v_kind[i] = 'postneg' THEN
            v_verdict := 'neg';
        ELSIF v_kind[i] = 'postpos' THEN
            v_verdict := 'yes';
        ELSIF v_kind[i] <> 'colon' AND v_kind[i] <> 'list' AND v_pending <> '{}' THEN
            v_pending_gap := v_pending_gap + 1;
            IF v_pending_gap >= 4 THEN
                v_verdict := 'pos';
            END IF;
        END IF;
        IF v_verdict IS NOT NULL THEN
            FOR j IN 1..coalesce(array_length(v_pending, 1), 0) LOOP
                v_value := CASE v_verdict
                    WHEN 'neg' THEN false
                    WHEN 'answer_no' THEN false
                    WHEN 'yes' THEN true
                    WHEN 'answer_yes' THEN true
                    WHEN 'pos' THEN CASE WHEN NOT v_pending_neutral[j] THEN true END
                END;
                -- A positive mention wins over a negated one; the rule says what settled the value.
                IF v_value AND v_found[v_pending[j]] IS NOT TRUE OR NOT v_value AND v_found[v_pending[j]] IS NULL THEN
                    v_found[v_pending[j]] := v_value;
                    v_rule[v_pending[j]] := CASE v_verdict
                        WHEN 'pos' THEN 'D1 named'
                        WHEN 'answer_yes' THEN 'D4 question answered yes'
                        WHEN 'answer_no' THEN 'D4 question answered no'
                        WHEN 'yes' THEN 'D3 answered yes after it'
                        ELSE 'D3 denied after it'
                    END;
                END IF;
            END LOOP;
            v_pending := '{}';
            v_pending_neutral := '{}';
            v_pending_gap := 0;
        END IF;

        -- Then: the token's own meaning.
        IF v_kind[i] IN ('smoke', 'flame', 'heat') THEN
            IF v_scope = 'neg' THEN
                v_thing := array_position(ARRAY['smoke', 'flame', 'heat'], v_kind[i]);
                IF v_found[v_thing] IS NULL THEN
                    v_found[v_thing] := false;
                    v_rule[v_thing] := 'D2 denied before it';
                END IF;
            ELSE
                v_pending := v_pending || array_position(ARRAY['smoke', 'flame', 'heat'], v_kind[i]);
                v_pending_neutral := v_pending_neutral || (coalesce(v_scope = 'neutral', false) OR v_clause_neutral);
            END IF;
            v_listing := v_scope IS NOT NULL;
        ELSIF v_kind[i] IN ('stop', 'contrast', 'colon', 'q_yes', 'q_no', 'q_none', 'unknown', 'drop') THEN
            v_scope := NULL;
            v_clause_neutral := false;
        ELSIF v_kind[i] = 'comma' THEN
            IF NOT v_listing OR v_kind[i + 1] IS NULL OR v_kind[i + 1] NOT IN ('smoke', 'flame', 'heat', 'list', 'pre') THEN
                v_scope := NULL;
            END IF;
        ELSIF v_kind[i] = 'pre' OR (v_kind[i] = 'either' AND v_verdict = 'pos') THEN
            v_scope := 'neg';
            v_listing := false;
            v_gap := 0;
        ELSIF v_kind[i] = 'neutral' THEN
            v_scope := 'neutral';
            v_listing := false;
            v_gap := 0;
        ELSIF v_kind[i] = 'list' THEN
            v_gap := v_gap + 1;
        ELSIF v_scope IS NOT NULL THEN
            -- Any other word: ends a list; before the first thing a negation reaches 5 words, and
            -- "look for"/"whether" reach only "there is"/"hay".
            IF v_kind[i] = 'imperative' THEN
                v_clause_neutral := true;
            END IF;
            v_gap := v_gap + 1;
            IF v_listing OR v_gap > 5
                OR (v_scope = 'neutral' AND v_word[i] NOT IN ('there', 'is', 'are', 'was', 'were', 'hay', 'existe', 'existen'))
            THEN
                v_scope := NULL;
            END IF;
        ELSIF v_kind[i] = 'imperative' THEN
            v_clause_neutral := true;
        END IF;
        IF v_scope IS NULL THEN
            v_listing := false;
        END IF;
        v_last := v_kind[i];
    END LOOP;
    -- Mentions still pending at the end stand as said, unless their field was left empty ("Flames: --").
    FOR j IN 1..coalesce(array_length(v_pending, 1), 0) LOOP
        IF NOT v_pending_neutral[j] AND v_last IS DISTINCT FROM 'colon' AND v_found[v_pending[j]] IS NOT TRUE THEN
            v_found[v_pending[j]] := true;
            v_rule[v_pending[j]] := 'D1 named';
        END IF;
    END LOOP;
    smoke_detected := v_found[1];
    flame_detected := v_found[2];
    heat_signature_detected := v_found[3];
    smoke_rule := v_rule[1];
    flame_rule := v_rule[2];
    heat_rule := v_rule[3];
END
$$;

COMMENT ON FUNCTION etl_parse_text_detections(text[]) IS
'Smoke, flame and heat-signature detections from the asserted tokens of a free-text response '
'(etl_parse_assertions: hedged, hypothetical and earlier-frame segments are already gone), each with '
'the rule that settled it. Words: smoke/humo (not "smoke detector"); flame(s)/fire/wildfire/blaze/'
'llama(s)/fuego/incendio, except in "fire risk", "risk of fire", "fire truck", "riesgo de incendio", '
'"se llama"; heat/thermal/hot spot/calor/térmica (not "thermal camera", "heat wave", "hace calor"). '
'D1 named: a mention stands as a detection. D2 denied before it: no, not, without, neither/nor, none, '
'sin, ni, ningún, reaching over a list ("No smoke, flames or heat signatures") but not past a '
'contrast, a sentence end or a comma that starts a new phrase. D3 answered after it: "Smoke: none", '
'"flames are not visible", "humo: no", "Smoke: N", "Smoke: 0", "ruled out", "humo descartado" '
'(false), "Heat: yes", "Flames: 1", '
'"smoke is not absent" (true). D4 a question answered: "Any flames? None.", "¿Hay humo? Sí". No '
'value: an answer that says nothing ("unknown", "n/a", "not evaluated", "sin datos", a probability '
'such as "40%", an empty "Smoke: --"), a question left unanswered, a mention taken back ("what '
'looks like smoke is actually fog"), an echoed instruction ("Report ... smoke, flame and heat") or '
'"look for", "si hay" unless answered. "It is not true that there is no smoke" takes its negation '
'back. A positive mention beats a negated one ("no smoke on the left, heavy smoke on the right"). '
'A thing never mentioned is NULL, never false.';

REVOKE ALL ON FUNCTION etl_parse_text_detections(text[]) FROM PUBLIC;
