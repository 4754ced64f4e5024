-- Smoke, flame and heat-signature detections in a free-text response (its tokens), English or Spanish,
-- with negation: "No smoke, flames or heat signatures are visible" is false for all three.
CREATE OR REPLACE FUNCTION etl_parse_text_detections(
    p_tokens text[],
    OUT smoke_detected boolean,
    OUT flame_detected boolean,
    OUT heat_signature_detected boolean
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    -- The words the rules know and what each is; '?' kinds depend on the neighbouring words.
    c_kind CONSTANT jsonb := '{
        "smoke": "smoke", "smokes": "smoke", "humo": "smoke", "humos": "smoke", "humareda": "smoke",
        "flame": "flame", "flames": "flame", "blaze": "flame",
        "fire": "?fire", "fires": "?fire", "wildfire": "?fire", "wildfires": "?fire", "incendio": "?fire",
        "incendios": "?fire", "fuego": "?fire", "fuegos": "?fire",
        "llama": "?llama", "llamas": "?llama",
        "thermal": "heat", "calor": "heat", "termica": "heat", "termicas": "heat", "termico": "heat",
        "termicos": "heat", "hotspot": "heat", "hotspots": "heat",
        "heat": "?heat",
        "hot": "?hot",
        "caliente": "?caliente", "calientes": "?caliente",
        ".": "stop", ";": "stop", "!": "stop", "?": "stop", "|": "stop", "\n": "stop",
        ",": "comma",
        ":": "colon",
        "but": "contrast", "however": "contrast", "although": "contrast", "though": "contrast",
        "whereas": "contrast", "while": "contrast", "except": "contrast", "pero": "contrast",
        "aunque": "contrast", "sino": "contrast", "embargo": "contrast", "excepto": "contrast",
        "salvo": "contrast", "mientras": "contrast",
        "instead": "?instead",
        "rather": "?rather",
        "lugar": "?lugar", "vez": "?lugar",
        "free": "?free", "libre": "?free",
        "clear": "?clear", "libres": "?clear", "exento": "?clear", "exenta": "?clear",
        "without": "pre", "neither": "pre", "nor": "pre", "never": "pre", "sin": "pre", "ni": "pre",
        "tampoco": "pre", "nunca": "pre", "absence": "pre", "ausencia": "pre", "lack": "pre",
        "no": "either", "not": "either", "none": "either", "ningun": "either", "ninguna": "either",
        "ninguno": "either", "nada": "either",
        "absent": "postneg", "ausente": "postneg", "ausentes": "postneg", "false": "postneg",
        "falso": "postneg", "negative": "postneg", "negativo": "postneg",
        "si": "?si",
        "yes": "postpos", "true": "postpos", "verdadero": "postpos", "positive": "postpos",
        "positivo": "postpos",
        "for": "neutral", "whether": "neutral", "buscar": "neutral", "busca": "neutral", "buscando": "neutral",
        "analyze": "?imperative", "analyse": "?imperative", "report": "?imperative", "describe": "?imperative",
        "identify": "?imperative", "detect": "?imperative", "determine": "?imperative",
        "assess": "?imperative", "evaluate": "?imperative", "check": "?imperative", "look": "?imperative",
        "indicate": "?imperative", "provide": "?imperative", "return": "?imperative", "respond": "?imperative",
        "answer": "?imperative", "state": "?imperative", "analiza": "?imperative", "analice": "?imperative",
        "analizar": "?imperative", "reporta": "?imperative", "reporte": "?imperative",
        "identifica": "?imperative", "identifique": "?imperative", "detecta": "?imperative",
        "detecte": "?imperative", "determina": "?imperative", "evalua": "?imperative", "evalue": "?imperative",
        "indica": "?imperative", "indique": "?imperative", "proporciona": "?imperative",
        "responde": "?imperative", "responda": "?imperative",
        "and": "list", "or": "list", "y": "list", "o": "list", "e": "list", "u": "list", "any": "list",
        "other": "list", "signs": "list", "sign": "list", "signature": "list", "signatures": "list",
        "firma": "list", "firmas": "list", "spot": "list", "spots": "list", "evidence": "list",
        "trace": "list", "traces": "list", "indication": "list", "indications": "list", "indicio": "list",
        "indicios": "list", "senal": "list", "senales": "list", "signo": "list", "signos": "list",
        "rastro": "list", "rastros": "list", "anomaly": "list", "anomalies": "list", "anomalia": "list",
        "anomalias": "list", "column": "list", "columns": "list", "columna": "list", "columnas": "list",
        "plume": "list", "plumes": "list", "of": "list", "de": "list", "del": "list", "la": "list",
        "las": "list", "el": "list", "los": "list", "un": "list", "una": "list", "the": "list", "a": "list",
        "an": "list", "active": "list", "activa": "list", "activas": "list", "activo": "list",
        "activos": "list", "possible": "list", "posible": "list", "posibles": "list",
        "visible": "presence", "visibles": "presence", "present": "presence", "presente": "presence",
        "presentes": "presence", "detected": "presence", "detectado": "presence", "detectada": "presence",
        "detectados": "presence", "detectadas": "presence", "seen": "presence", "observed": "presence",
        "observado": "presence", "observada": "presence", "observados": "presence", "observadas": "presence",
        "apparent": "presence", "evident": "presence", "found": "presence", "identified": "presence",
        "detectable": "presence", "observable": "presence", "shown": "presence", "noted": "presence",
        "obvious": "presence", "spotted": "presence", "perceptible": "presence", "perceptibles": "presence",
        "apreciable": "presence", "apreciables": "presence", "aprecia": "presence", "aprecian": "presence",
        "observa": "presence", "observan": "presence", "detectan": "presence", "ve": "presence",
        "ven": "presence"
    }'::jsonb;
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
BEGIN
    FOR i IN 1..coalesce(array_length(v_word, 1), 0) LOOP
        v_kind[i] := coalesce(c_kind ->> v_word[i], 'word');
        IF left(v_kind[i], 1) = '?' THEN
            v_kind[i] := CASE v_kind[i]
                -- "fire risk", "risk of fire", "riesgo de incendio", "wildfire smoke": no flame seen.
                WHEN '?fire' THEN CASE
                    WHEN v_word[i + 1] IN (
                        'risk', 'risks', 'danger', 'hazard', 'hazards', 'weather', 'season', 'prone', 'detection',
                        'detector', 'warning', 'warnings', 'alert', 'alerts', 'monitoring', 'prevention', 'safety',
                        'department', 'station', 'fighters', 'fighter', 'fighting', 'truck', 'trucks', 'break',
                        'breaks', 'index', 'smoke', 'smokes'
                    ) OR (
                        v_word[i - 1] IN ('of', 'for', 'de', 'del')
                        AND v_word[i - 2] IN (
                            'risk', 'danger', 'threat', 'chance', 'likelihood', 'probability', 'possibility',
                            'prevention', 'detection', 'riesgo', 'peligro', 'amenaza', 'probabilidad', 'posibilidad',
                            'prevencion', 'deteccion', 'alerta', 'indice'
                        )
                    ) THEN 'word'
                    ELSE 'flame'
                END
                WHEN '?llama' THEN CASE WHEN v_word[i - 1] = 'se' THEN 'word' ELSE 'flame' END
                WHEN '?heat' THEN
                    CASE WHEN v_word[i + 1] IN ('wave', 'waves', 'haze', 'shimmer', 'index') THEN 'word' ELSE 'heat' END
                WHEN '?hot' THEN CASE WHEN v_word[i + 1] IN ('spot', 'spots') THEN 'heat' ELSE 'word' END
                WHEN '?caliente' THEN CASE
                    WHEN v_word[i - 1] IN ('punto', 'puntos', 'zona', 'zonas', 'foco', 'focos') THEN 'heat' ELSE 'word'
                END
                -- "fog rather than smoke", "instead of flames", "en lugar de humo": not that thing.
                WHEN '?instead' THEN CASE WHEN v_word[i + 1] = 'of' THEN 'pre' ELSE 'contrast' END
                WHEN '?rather' THEN CASE WHEN v_word[i + 1] = 'than' THEN 'pre' ELSE 'word' END
                WHEN '?lugar' THEN CASE WHEN v_word[i - 1] = 'en' AND v_word[i + 1] = 'de' THEN 'pre' ELSE 'word' END
                -- "free of smoke" before, "smoke-free" after.
                WHEN '?free' THEN CASE WHEN v_word[i + 1] IN ('of', 'de') THEN 'pre' ELSE 'postneg' END
                WHEN '?clear' THEN CASE WHEN v_word[i + 1] IN ('of', 'de') THEN 'pre' ELSE 'word' END
                -- Spanish "si hay humo" is "whether there is smoke"; "Humo: sí" is yes.
                WHEN '?si' THEN CASE
                    WHEN v_word[i + 1] IN ('hay', 'existe', 'existen', 'se', 'el', 'la', 'los', 'las') THEN 'neutral'
                    ELSE 'postpos'
                END
                -- A prompt's instruction opens its clause: "Report risk level, smoke, flame and heat."
                WHEN '?imperative' THEN CASE
                    WHEN v_word[i - 1] IS NULL OR v_word[i - 1] IN ('.', ';', '!', '?', '|', ':', E'\n') THEN 'imperative'
                    WHEN v_word[i] = 'detecta' THEN 'presence'
                    ELSE 'word'
                END
            END;
        END IF;
    END LOOP;

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

COMMENT ON FUNCTION etl_parse_text_detections(text[]) IS
'Smoke, flame and heat-signature detections from the tokens of a free-text response (English, '
'Spanish; etl_parse_tokens). Words: smoke/humo; flame(s)/fire/wildfire/blaze/llama(s)/fuego/incendio, except in "fire risk", "risk of fire", '
'"riesgo de incendio", "wildfire smoke", "se llama"; heat/thermal/hot spot/calor/térmica. A mention '
'is false when a negation governs it: before it (no, not, without, neither/nor, none, sin, ni, '
'ningún; "no se observa humo ni fuego"), reaching over a list of things ("No smoke, flames or heat '
'signatures") but not past a contrast (but, pero), a sentence end or a comma that starts a new '
'phrase; or after it ("Smoke: none", "flames are not visible", "humo: no", "smoke_detected: false"). '
'Mentions in an echoed instruction ("Report ... smoke, flame and heat") or after "look for", '
'"whether", "si hay" say nothing unless answered ("Checked for smoke: none"). Hedged mentions '
'("possible smoke") count as detections and a positive mention beats a negated one ("no smoke on '
'the left, heavy smoke on the right"). A thing that is never mentioned is NULL, never false.';

REVOKE ALL ON FUNCTION etl_parse_text_detections(text[]) FROM PUBLIC;
