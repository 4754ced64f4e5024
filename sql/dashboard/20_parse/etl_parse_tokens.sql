-- A model response as the word and punctuation tokens the text rules walk through.
CREATE OR REPLACE FUNCTION etl_parse_tokens(p_response text)
RETURNS text[]
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
BEGIN
    -- plpgsql, not sql: a SQL function with a subquery is not inlined and costs twice as much.
    RETURN ARRAY(
        SELECT m.token[1]
        FROM regexp_matches(
            regexp_replace(
                regexp_replace(etl_parse_fold(p_response), 'n''t\M', ' not', 'g'), '\mcannot\M', 'can not', 'g'
            ),
            '([0-9]+(?:[.,][0-9]+)?(?:e[+-]?[0-9]+)?|[a-z]+|[.;:,!?|%/=()\n-])',
            'g'
        ) WITH ORDINALITY AS m (token, n)
        ORDER BY m.n
    );
END
$$;

COMMENT ON FUNCTION etl_parse_tokens(text) IS
'Splits a folded response (etl_parse_fold) into tokens: words, numbers with their decimal point or '
'comma and exponent ("0.91", "0,87", "1e5"), and the punctuation the rules use (. ; : , ! ? | % / = - ( ) and '
'line ends: "-" tells "-0.2" and "60-70%" from a number, brackets close an aside); '
'"don''t" and "cannot" become "do not", "can not". Other characters (quotes, *, #, [ ], { }) '
'are dropped, so Markdown and JSON-like text read as plain words.';

REVOKE ALL ON FUNCTION etl_parse_tokens(text) FROM PUBLIC;
