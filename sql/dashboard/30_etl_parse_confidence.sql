-- One confidence value as the model wrote it ("0.87", "87", "87%", "0,87") to a fraction.
CREATE OR REPLACE FUNCTION etl_parse_confidence(p_value text)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN m.parts IS NULL THEN NULL
        WHEN m.parts[2] = '%' THEN CASE WHEN v.number <= 100 THEN trim_scale(v.number / 100) END
        WHEN v.number <= 1 THEN trim_scale(v.number)
        WHEN v.number <= 100 THEN trim_scale(v.number / 100)
    END
    FROM (
        SELECT regexp_match(p_value, '^\s*([0-9]{1,10}(?:[.,][0-9]{1,30})?|[.,][0-9]{1,30})\s*(%?)\s*$') AS parts
    ) AS m
    LEFT JOIN LATERAL (SELECT replace(m.parts[1], ',', '.')::numeric AS number) AS v ON true
$$;

COMMENT ON FUNCTION etl_parse_confidence(text) IS
'Normalises one confidence value to 0..1: a fraction stays, a number above 1 and up to 100 or a '
'value with "%" is a percentage, a decimal comma is accepted; anything else (negative, above 100, '
'words) is NULL, because an invented confidence is worse than none.';
