-- Folds a model response for matching: lower case, Spanish and French accents removed,
-- typographic quotes made plain, so rules need one spelling ("crítico" = "critico").
CREATE OR REPLACE FUNCTION etl_parse_fold(p_text text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT lower(translate(
        p_text,
        'ÁÀÂÄÉÈÊËÍÌÎÏÓÒÔÖÚÙÛÜÑÇáàâäéèêëíìîïóòôöúùûüñç’‘“”',
        'AAAAEEEEIIIIOOOOUUUUNCaaaaeeeeiiiioooouuuunc''''""'
    ))
$$;

COMMENT ON FUNCTION etl_parse_fold(text) IS
'Lower-cases a model response and strips accents and typographic quotes, so the parsing rules of '
'etl_parse_analysis match one spelling of each English or Spanish word.';
