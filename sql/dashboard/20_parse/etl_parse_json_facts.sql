-- The five facts from one JSON object of the model, whatever key spelling and nesting it chose,
-- each with the key path it came from.
CREATE OR REPLACE FUNCTION etl_parse_json_facts(
    p_object jsonb,
    OUT risk_level text,
    OUT confidence_score numeric,
    OUT smoke_detected boolean,
    OUT flame_detected boolean,
    OUT heat_signature_detected boolean,
    OUT facts_named integer,
    OUT risk_rule text,
    OUT confidence_rule text,
    OUT smoke_rule text,
    OUT flame_rule text,
    OUT heat_rule text
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    c_facts CONSTANT text[] := ARRAY['risk', 'confidence', 'smoke', 'flame', 'heat'];
    v_leaf record;
    v_fact text;
    v_slot integer;
    v_value text;
    -- Per fact: the key chosen so far and its rank (depth * 2, minus 1 for the contract's own name).
    v_rank integer[] := ARRAY[99, 99, 99, 99, 99];
    v_chosen text[] := ARRAY[NULL, NULL, NULL, NULL, NULL]::text[];
    v_path text[] := ARRAY[NULL, NULL, NULL, NULL, NULL]::text[];
    v_rank_here integer;
BEGIN
    facts_named := 0;
    -- Every value that is not an object, down to three levels: {"analysis": {"risk": {"level": ...}}}.
    FOR v_leaf IN
        WITH RECURSIVE walk (path, key, parent, value, depth) AS (
            SELECT ARRAY[e.key], e.key, NULL::text, e.value, 1 FROM jsonb_each(p_object) AS e
            UNION ALL
            SELECT w.path || e.key, e.key, w.key, e.value, w.depth + 1
            FROM walk AS w CROSS JOIN LATERAL jsonb_each(w.value) AS e
            WHERE jsonb_typeof(w.value) = 'object' AND w.depth < 3
        )
        SELECT w.path, w.key, w.parent, w.value, w.depth FROM walk AS w
        WHERE jsonb_typeof(w.value) <> 'object'
        ORDER BY w.depth, w.path
    LOOP
        v_fact := etl_parse_json_key(v_leaf.key, v_leaf.parent);
        CONTINUE WHEN v_fact IS NULL;
        facts_named := facts_named + 1;
        -- The fact's value as a contract value, so that a key that says nothing ("risk": 4) lets
        -- another key of the same fact speak ("risk_label": "high").
        v_value := CASE v_fact
            WHEN 'risk' THEN CASE WHEN jsonb_typeof(v_leaf.value) = 'string' THEN etl_parse_risk_level(v_leaf.value #>> '{}') END
            WHEN 'confidence' THEN CASE
                WHEN jsonb_typeof(v_leaf.value) IN ('number', 'string') THEN etl_parse_confidence(v_leaf.value #>> '{}')::text
            END
            WHEN 'smoke probability' THEN etl_parse_flag_probability(v_leaf.value)::text
            WHEN 'flame probability' THEN etl_parse_flag_probability(v_leaf.value)::text
            WHEN 'heat probability' THEN etl_parse_flag_probability(v_leaf.value)::text
            ELSE etl_parse_flag(v_leaf.value)::text
        END;
        v_slot := array_position(c_facts, split_part(v_fact, ' ', 1));
        v_rank_here := v_leaf.depth * 2 - CASE
            WHEN regexp_replace(lower(v_leaf.key), '[^a-z]', '', 'g') IN (
                'risklevel', 'confidence', 'confidencescore', 'smokedetected', 'flamedetected', 'heatsignaturedetected'
            ) THEN 1 ELSE 0
        END;
        -- Of the keys with a value, the contract's own, then the shallowest, decides.
        IF v_value IS NOT NULL AND (v_chosen[v_slot] IS NULL OR v_rank_here < v_rank[v_slot]) THEN
            v_rank[v_slot] := v_rank_here;
            v_chosen[v_slot] := v_value;
            v_path[v_slot] := array_to_string(v_leaf.path, '.');
        END IF;
    END LOOP;
    risk_level := v_chosen[1];
    confidence_score := v_chosen[2]::numeric;
    smoke_detected := v_chosen[3]::boolean;
    flame_detected := v_chosen[4]::boolean;
    heat_signature_detected := v_chosen[5]::boolean;
    risk_rule := 'J key ' || v_path[1];
    confidence_rule := 'J key ' || v_path[2];
    smoke_rule := 'J key ' || v_path[3];
    flame_rule := 'J key ' || v_path[4];
    heat_rule := 'J key ' || v_path[5];
END
$$;

COMMENT ON FUNCTION etl_parse_json_facts(jsonb) IS
'Reads risk, confidence and the three detections from one JSON object of the model, down to three '
'levels ({"analysis": {"risk": {"level": "high"}}}, {"smoke": {"detected": true}}), naming the key '
'path each came from (J key <path>). Keys by etl_parse_json_key; values by etl_parse_risk_level, '
'etl_parse_confidence, etl_parse_flag (a thing''s probability by etl_parse_flag_probability). The '
'contract''s own key wins, then the shallowest; a key whose value says nothing yields to another '
'key of the same fact that does. An absent key is NULL; facts_named counts the keys recognised, 0 '
'meaning the object is not an analysis.';

REVOKE ALL ON FUNCTION etl_parse_json_facts(jsonb) FROM PUBLIC;
