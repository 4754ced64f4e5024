-- Smoke, flame and heat-signature detections in a free-text response, English or Spanish,
-- with negation: "No smoke, flames or heat signatures are visible" is false for all three.
CREATE OR REPLACE FUNCTION etl_parse_text_detections(
    p_response text,
    OUT smoke_detected boolean,
    OUT flame_detected boolean,
    OUT heat_signature_detected boolean
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_word text[];
    v_kind text[];
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
BEGIN
    SELECT array_agg(c.word ORDER BY c.n), array_agg(c.kind ORDER BY c.n)
    INTO v_word, v_kind
    FROM (
        SELECT
            w.n,
            w.word,
            CASE
                WHEN w.word IN ('smoke', 'smokes', 'humo', 'humos', 'humareda') THEN 'smoke'
                -- "fire risk", "risk of fire", "riesgo de incendio", "wildfire smoke": no flame seen.
                WHEN w.word IN ('fire', 'fires', 'wildfire', 'wildfires', 'incendio', 'incendios', 'fuego', 'fuegos')
                    AND (
                        w.next1 IN (
                            'risk', 'risks', 'danger', 'hazard', 'hazards', 'weather', 'season', 'prone',
                            'detection', 'detector', 'warning', 'warnings', 'alert', 'alerts', 'monitoring',
                            'prevention', 'safety', 'department', 'station', 'fighters', 'fighter', 'fighting',
                            'truck', 'trucks', 'break', 'breaks', 'index', 'smoke', 'smokes'
                        )
                        OR (
                            w.prev1 IN ('of', 'for', 'de', 'del')
                            AND w.prev2 IN (
                                'risk', 'danger', 'threat', 'chance', 'likelihood', 'probability', 'possibility',
                                'prevention', 'detection', 'riesgo', 'peligro', 'amenaza', 'probabilidad',
                                'posibilidad', 'prevencion', 'deteccion', 'alerta', 'indice'
                            )
                        )
                    ) THEN 'word'
                WHEN w.word IN ('llama', 'llamas') AND w.prev1 = 'se' THEN 'word'
                WHEN w.word IN (
                    'flame', 'flames', 'fire', 'fires', 'wildfire', 'wildfires', 'blaze', 'llama', 'llamas',
                    'fuego', 'fuegos', 'incendio', 'incendios'
                ) THEN 'flame'
                WHEN w.word = 'heat' AND w.next1 IN ('wave', 'waves', 'haze', 'shimmer', 'index') THEN 'word'
                WHEN w.word IN (
                    'heat', 'thermal', 'calor', 'termica', 'termicas', 'termico', 'termicos', 'hotspot', 'hotspots'
                )
                OR (w.word = 'hot' AND w.next1 IN ('spot', 'spots'))
                OR (w.word IN ('caliente', 'calientes') AND w.prev1 IN ('punto', 'puntos', 'zona', 'zonas', 'foco', 'focos'))
                    THEN 'heat'
                WHEN w.word IN ('.', ';', '!', '?', '|', E'\n') THEN 'stop'
                WHEN w.word = ',' THEN 'comma'
                WHEN w.word = ':' THEN 'colon'
                -- "fog rather than smoke", "instead of flames", "en lugar de humo": not that thing.
                WHEN (w.word = 'rather' AND w.next1 = 'than') OR (w.word = 'instead' AND w.next1 = 'of')
                    OR (w.word IN ('lugar', 'vez') AND w.prev1 = 'en' AND w.next1 = 'de') THEN 'pre'
                WHEN w.word IN (
                    'but', 'however', 'although', 'though', 'whereas', 'while', 'except', 'instead', 'pero',
                    'aunque', 'sino', 'embargo', 'excepto', 'salvo', 'mientras'
                ) THEN 'contrast'
                WHEN w.word IN ('free', 'clear', 'libre', 'libres', 'exento', 'exenta') AND w.next1 IN ('of', 'de')
                    THEN 'pre'
                WHEN w.word IN (
                    'without', 'neither', 'nor', 'never', 'sin', 'ni', 'tampoco', 'nunca', 'absence', 'ausencia',
                    'lack'
                ) THEN 'pre'
                -- Before a thing these negate it ("no smoke"), after one they may ("Smoke: none").
                WHEN w.word IN ('no', 'not', 'none', 'ningun', 'ninguna', 'ninguno', 'nada') THEN 'either'
                WHEN w.word IN (
                    'absent', 'ausente', 'ausentes', 'false', 'falso', 'negative', 'negativo', 'free', 'libre'
                ) THEN 'postneg'
                -- Spanish "si" before "hay"/"existe" is "whether".
                WHEN w.word = 'si' AND w.next1 IN ('hay', 'existe', 'existen', 'se', 'el', 'la', 'los', 'las')
                    THEN 'neutral'
                WHEN w.word IN ('yes', 'si', 'true', 'verdadero', 'positive', 'positivo') THEN 'postpos'
                WHEN w.word IN ('for', 'whether', 'buscar', 'busca', 'buscando') THEN 'neutral'
                -- A prompt's instruction at the start of a clause: "Report risk level, smoke, flame and heat."
                WHEN w.word IN (
                    'analyze', 'analyse', 'report', 'describe', 'identify', 'detect', 'determine', 'assess',
                    'evaluate', 'check', 'look', 'indicate', 'provide', 'return', 'respond', 'answer', 'state',
                    'analiza', 'analice', 'analizar', 'reporta', 'reporte', 'identifica', 'identifique',
                    'detecta', 'detecte', 'determina', 'evalua', 'evalue', 'indica', 'indique', 'proporciona',
                    'responde', 'responda'
                ) AND (w.prev1 IS NULL OR w.prev1 IN ('.', ';', '!', '?', '|', ':', E'\n'))
                    THEN 'imperative'
                WHEN w.word IN (
                    'and', 'or', 'y', 'o', 'e', 'u', 'any', 'other', 'signs', 'sign', 'signature', 'signatures',
                    'firma', 'firmas', 'spot', 'spots', 'evidence', 'trace', 'traces', 'indication', 'indications',
                    'indicio', 'indicios', 'senal', 'senales', 'signo', 'signos', 'rastro', 'rastros',
                    'anomaly', 'anomalies', 'anomalia', 'anomalias', 'column', 'columns', 'columna', 'columnas',
                    'plume', 'plumes', 'of', 'de', 'del', 'la', 'las', 'el', 'los', 'un', 'una', 'the', 'a', 'an',
                    'active', 'activa', 'activas', 'activo', 'activos', 'possible', 'posible', 'posibles'
                ) THEN 'list'
                WHEN w.word IN (
                    'visible', 'visibles', 'present', 'presente', 'presentes', 'detected', 'detectado',
                    'detectada', 'detectados', 'detectadas', 'seen', 'observed', 'observado', 'observada',
                    'observados', 'observadas', 'apparent', 'evident', 'found', 'identified', 'detectable',
                    'observable', 'shown', 'noted', 'obvious', 'spotted', 'perceptible', 'perceptibles',
                    'apreciable', 'apreciables', 'aprecia', 'aprecian', 'observa', 'observan', 'detecta',
                    'detectan', 've', 'ven'
                ) THEN 'presence'
                ELSE 'word'
            END AS kind
        FROM (
            SELECT
                m.n,
                m.a[1] AS word,
                lag(m.a[1]) OVER (ORDER BY m.n) AS prev1,
                lag(m.a[1], 2) OVER (ORDER BY m.n) AS prev2,
                lead(m.a[1]) OVER (ORDER BY m.n) AS next1
            FROM regexp_matches(
                regexp_replace(regexp_replace(etl_parse_fold(p_response), 'n''t\M', ' not', 'g'),
                               '\mcannot\M', 'can not', 'g'),
                '[a-z0-9]+|[.;:,!?|\n]', 'g'
            ) WITH ORDINALITY AS m (a, n)
        ) AS w
    ) AS c;

    FOR i IN 1..coalesce(array_length(v_word, 1), 0) LOOP
        -- First: does this token settle the pending mentions?
        v_verdict := NULL;
        IF v_kind[i] IN ('stop', 'contrast', 'pre', 'neutral') THEN
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
                EXIT WHEN v_kind[j] IS NULL OR v_kind[j] IN ('stop', 'comma', 'colon', 'contrast');
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
                    WHEN 'yes' THEN true
                    ELSE CASE WHEN NOT v_pending_neutral[j] THEN true END
                END;
                IF v_value IS NOT NULL THEN
                    v_found[v_pending[j]] := v_value OR coalesce(v_found[v_pending[j]], false);
                END IF;
            END LOOP;
            v_pending := '{}';
            v_pending_neutral := '{}';
            v_pending_gap := 0;
        END IF;

        -- Then: the token's own meaning.
        IF v_kind[i] IN ('smoke', 'flame', 'heat') THEN
            IF v_scope = 'neg' THEN
                v_found[array_position(ARRAY['smoke', 'flame', 'heat'], v_kind[i])] :=
                    coalesce(v_found[array_position(ARRAY['smoke', 'flame', 'heat'], v_kind[i])], false);
            ELSE
                v_pending := v_pending || array_position(ARRAY['smoke', 'flame', 'heat'], v_kind[i]);
                v_pending_neutral := v_pending_neutral || (coalesce(v_scope = 'neutral', false) OR v_clause_neutral);
            END IF;
            v_listing := v_scope IS NOT NULL;
        ELSIF v_kind[i] IN ('stop', 'contrast', 'colon') THEN
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
    END LOOP;
    -- Mentions still pending at the end stand as said.
    FOR j IN 1..coalesce(array_length(v_pending, 1), 0) LOOP
        IF NOT v_pending_neutral[j] THEN
            v_found[v_pending[j]] := true;
        END IF;
    END LOOP;
    smoke_detected := v_found[1];
    flame_detected := v_found[2];
    heat_signature_detected := v_found[3];
END
$$;

COMMENT ON FUNCTION etl_parse_text_detections(text) IS
'Smoke, flame and heat-signature detections from free text (English, Spanish). Words: smoke/humo; '
'flame(s)/fire/wildfire/blaze/llama(s)/fuego/incendio, except in "fire risk", "risk of fire", '
'"riesgo de incendio", "wildfire smoke", "se llama"; heat/thermal/hot spot/calor/térmica. A mention '
'is false when a negation governs it: before it (no, not, without, neither/nor, none, sin, ni, '
'ningún; "no se observa humo ni fuego"), reaching over a list of things ("No smoke, flames or heat '
'signatures") but not past a contrast (but, pero), a sentence end or a comma that starts a new '
'phrase; or after it ("Smoke: none", "flames are not visible", "humo: no", "smoke_detected: false"). '
'Mentions in an echoed instruction ("Report ... smoke, flame and heat") or after "look for", '
'"whether", "si hay" say nothing unless answered ("Checked for smoke: none"). Hedged mentions '
'("possible smoke") count as detections. A thing that is never mentioned is NULL, never false.';
