-- Folds a model response for matching: lower case, Spanish accents removed, typographic quotes
-- made plain, so rules need one spelling ("crítico" = "critico").
CREATE OR REPLACE FUNCTION etl_parse_fold(p_text text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
BEGIN
    -- translate() costs more than the rest of the folding, so pure ASCII text skips it.
    IF octet_length(p_text) = length(p_text) THEN
        RETURN lower(p_text);
    END IF;
    RETURN lower(translate(p_text, 'ÁÉÍÓÚÜÑáéíóúüñ’‘“”', 'AEIOUUNaeiouun''''""'));
END
$$;

COMMENT ON FUNCTION etl_parse_fold(text) IS
'Lower-cases a model response and strips Spanish accents and typographic quotes, so the parsing '
'rules of etl_parse_analysis match one spelling of each English or Spanish word.';

REVOKE ALL ON FUNCTION etl_parse_fold(text) FROM PUBLIC;
