-- The previous release's sql/ re-creates its own etl_claim when it is re-applied.
DROP FUNCTION IF EXISTS public.etl_claim(text, integer, double precision);
