-- etl_claim gains a column (image_reason: why a frame n8n recorded cannot be handed over), and
-- CREATE OR REPLACE cannot change a function's result type: drop it here, sql/ re-creates it.
-- depends: 0003_health

DROP FUNCTION IF EXISTS public.etl_claim(text, integer, double precision);
