-- What a model response asserts about this frame: its tokens without the segments that hedge,
-- suppose or speak of an earlier frame, so no rule reads a value from them.
CREATE OR REPLACE FUNCTION etl_parse_assertions(p_tokens text[])
RETURNS text[]
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    -- Words that make their segment unsure (hedge), hypothetical (suppose) or about the past
    -- (earlier); '?' words count only beside the neighbours checked below.
    c_marker CONSTANT jsonb := '{
        "possible": "hedge", "possibly": "hedge", "maybe": "hedge", "perhaps": "hedge", "might": "hedge",
        "may": "hedge", "probably": "hedge", "probable": "hedge", "likely": "hedge", "unlikely": "hedge", "improbable": "hedge",
        "unclear": "hedge", "uncertain": "hedge", "unsure": "hedge", "unable": "hedge", "whether": "hedge",
        "resembling": "hedge", "resembles": "hedge", "ambiguous": "hedge", "posible": "hedge",
        "posibles": "hedge", "posiblemente": "hedge", "quizas": "hedge", "quiza": "hedge", "acaso": "hedge",
        "podria": "hedge", "podrian": "hedge", "probablemente": "hedge", "dificil": "hedge",
        "could": "?could", "tell": "?tell", "say": "?tell", "decir": "?tell", "saber": "?tell",
        "confirm": "?tell", "determine": "?tell", "confirmar": "?tell", "determinar": "?tell", "rule": "?rule",
        "sure": "?sure", "certain": "?sure", "seguro": "?sure", "segura": "?sure", "claro": "?sure",
        "puede": "?puede", "vez": "?vez", "like": "?like", "ruled": "?ruled", "confirmed": "?unconfirmed", "verified": "?unconfirmed",
        "confirmado": "?unconfirmed", "confirmada": "?unconfirmed", "consistent": "?with",
        "compatible": "?with", "suggests": "hedge", "suggesting": "hedge", "suggestive": "hedge",
        "indicative": "hedge", "sugiere": "hedge",
        "if": "suppose", "unless": "suppose", "would": "?would", "hypothetical": "suppose",
        "hypothetically": "suppose", "seria": "suppose", "serian": "suppose", "hipotetico": "suppose",
        "should": "?initial", "were": "?initial", "si": "?si", "case": "?case", "caso": "?case",
        "earlier": "earlier", "previous": "earlier", "previously": "earlier", "prior": "earlier",
        "yesterday": "earlier", "withdrawn": "earlier", "withdraw": "earlier", "retracted": "earlier",
        "cancelled": "earlier", "canceled": "earlier", "anterior": "earlier", "anteriores": "earlier",
        "anteriormente": "earlier", "previo": "earlier", "previa": "earlier", "ayer": "earlier",
        "retira": "earlier", "retirada": "earlier", "retirado": "earlier", "cancelada": "earlier",
        "cancelado": "earlier", "last": "?last", "false": "?false", "falsa": "?false", "falso": "?false"
    }'::jsonb;
    c_boundary CONSTANT text[] := ARRAY[
        '.', ';', '!', '?', '|', E'\n', ',', ':', '(', ')', 'but', 'however', 'although', 'though', 'whereas', 'except',
        'pero', 'aunque', 'sino', 'embargo', 'excepto', 'salvo', 'mientras'
    ];
    c_negation CONSTANT text[] := ARRAY['no', 'not', 'none', 'never', 'without', 'sin', 'ni', 'nunca'];
    -- Whether each token is kept; filled in place (appending slices would copy the array each time).
    v_keep boolean[] := '{}';
    v_out text[] := '{}';
    v_start integer := 1;
    -- The segment before this one when a colon ended it: its label ("Smoke:", "Risk:") goes with
    -- a hedged answer ("Smoke: possibly").
    v_label_start integer;
    v_drop boolean := false;
    v_negated boolean := false;
    v_marker text;
    v_n integer := coalesce(array_length(p_tokens, 1), 0);
BEGIN
    FOR i IN 1..v_n + 1 LOOP
        IF i > v_n OR p_tokens[i] = ANY(c_boundary) THEN
            -- The segment p_tokens[v_start .. i-1] ends here: kept unless a marker was in it; the
            -- boundary itself is always kept.
            FOR j IN v_start..i - 1 LOOP
                v_keep[j] := NOT v_drop;
            END LOOP;
            v_keep[i] := true;
            IF v_drop AND v_marker IS DISTINCT FROM 'earlier' AND v_label_start IS NOT NULL THEN
                FOR j IN v_label_start..v_start - 1 LOOP
                    v_keep[j] := false;
                END LOOP;
            END IF;
            v_label_start := CASE WHEN p_tokens[i] = ':' THEN v_start END;
            v_start := i + 1;
            v_marker := NULL;
            v_drop := false;
            v_negated := false;
            CONTINUE;
        END IF;
        CONTINUE WHEN v_drop;
        v_marker := c_marker ->> p_tokens[i];
        IF v_marker IS NULL THEN
            v_negated := v_negated OR p_tokens[i] = ANY(c_negation);
            CONTINUE;
        END IF;
        v_drop := coalesce(CASE v_marker
            -- "could be smoke" is unsure; "could not see smoke", "no smoke could be seen" are not.
            WHEN '?could' THEN p_tokens[i + 1] IS DISTINCT FROM 'not' AND NOT v_negated
            -- "hard to tell", "cannot say", "unable to confirm", "difícil de saber"
            WHEN '?tell' THEN p_tokens[i - 1] IN ('to', 'not', 'de', 'puede')
            -- "would be critical" supposes; "I would rate/classify the risk as high" states.
            WHEN '?would' THEN p_tokens[i + 1] IS NULL OR p_tokens[i + 1] NOT IN (
                'rate', 'classify', 'say', 'call', 'assess', 'consider', 'estimate', 'describe', 'categorize',
                'characterize', 'label', 'put', 'place'
            )
            WHEN '?rule' THEN p_tokens[i + 1] = 'out'
            -- "cannot be ruled out"; "ruled out" alone denies
            WHEN '?ruled' THEN p_tokens[i + 1] = 'out' AND 'not' IN (p_tokens[i - 1], p_tokens[i - 2], p_tokens[i - 3])
            -- "smoke-like haze": like smoke, not smoke
            WHEN '?like' THEN p_tokens[i - 1] = '-'
            -- "not sure", "no estoy seguro", "no está claro"
            WHEN '?sure' THEN p_tokens[i - 1] IN ('not', 'no') OR p_tokens[i - 2] IN ('not', 'no')
            -- "could not be confirmed", "no confirmado": unsure, not denied
            WHEN '?unconfirmed' THEN 'not' IN (p_tokens[i - 1], p_tokens[i - 2], p_tokens[i - 3])
                OR 'no' IN (p_tokens[i - 1], p_tokens[i - 2])
            -- "consistent with a small fire", "compatible con humo": an inference
            WHEN '?with' THEN p_tokens[i + 1] IN ('with', 'con')
            -- "Si aparecen llamas", "riesgo alto si continúa el viento"; "Sí, al fondo", "Humo: sí",
            -- "pero sí se ven llamas" are answers.
            WHEN '?si' THEN p_tokens[i + 1] ~ '^[a-z]' AND p_tokens[i + 1] NOT IN ('se', 'que', 'hay')
                AND (i = 1 OR p_tokens[i - 1] NOT IN ('pero', 'sino', 'que', ':', '='))
            WHEN '?puede' THEN p_tokens[i + 1] IN ('que', 'ser') OR p_tokens[i - 1] = 'se'
            WHEN '?vez' THEN p_tokens[i - 1] = 'tal'
            -- "Should smoke appear", "Were there flames": a condition opens it.
            WHEN '?initial' THEN i = v_start AND p_tokens[i + 1] ~ '^[a-z]'
                AND (i = 1 OR p_tokens[i - 1] IN ('.', ';', '!', '?', '|', E'\n'))
            WHEN '?case' THEN p_tokens[i - 1] IN ('in', 'en')
            WHEN '?last' THEN p_tokens[i + 1] IN ('frame', 'image', 'alert', 'alarm', 'capture', 'shot', 'report')
            WHEN '?false' THEN p_tokens[i + 1] IN ('alarm', 'alarms', 'positive', 'positives', 'alarma', 'positivo')
            ELSE true
        END, false);
        -- Which kind dropped it: an earlier frame's segment keeps the label before its colon.
        v_marker := CASE
            WHEN NOT v_drop THEN NULL
            WHEN v_marker IN ('earlier', '?last', '?false') THEN 'earlier'
            ELSE 'unsure'
        END;
    END LOOP;
    -- Appending one element at a time extends the array in place; a query would cost more here.
    FOR i IN 1..v_n LOOP
        IF v_keep[i] THEN
            v_out := v_out || p_tokens[i];
        END IF;
    END LOOP;
    RETURN v_out;
END
$$;

COMMENT ON FUNCTION etl_parse_assertions(text[]) IS
'The tokens (etl_parse_tokens) of what a response asserts about this frame. It is cut into segments '
'at sentence ends, commas, colons, brackets and contrasts (but, however, pero, aunque, ...); a segment is left '
'out, its boundary kept, when it hedges (possible, maybe, might, could be, probably, hard to tell, '
'not sure, unable to determine, can''t rule out, could not be confirmed, whether, consistent with, '
'smoke-like, '
'suggests; posible, quizás, podría, tal vez, puede que, difícil de saber, no está claro, no '
'confirmado), supposes (if, unless, would but not "would rate/classify/call", should/were opening '
'a sentence, in case of; si before a verb, sería, en caso de) or speaks of an earlier frame or a '
'withdrawn alarm (earlier, previous, last frame, false alarm, withdrawn, cancelled; anterior, '
'previo, falsa alarma, se retira). A hedged or supposed answer takes its label with it ("Smoke: '
'possibly"). "could" after a negation ("no smoke could be seen") or before "not" is no hedge. So a '
'value is read only where the text states it.';

REVOKE ALL ON FUNCTION etl_parse_assertions(text[]) FROM PUBLIC;
