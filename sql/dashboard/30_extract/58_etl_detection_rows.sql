-- etl_detection_rows: the boxes of an execution_analysis.detections array, one row each.

CREATE OR REPLACE FUNCTION public.etl_detection_rows(
    p_detections jsonb,
    OUT ordinal integer,
    OUT class_name text,
    OUT class_id integer,
    OUT confidence numeric,
    OUT x1 numeric,
    OUT y1 numeric,
    OUT x2 numeric,
    OUT y2 numeric
)
RETURNS SETOF record
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT
        b.ordinal::integer,
        b.box ->> 'class',
        CASE WHEN public.etl_json_number(b.box -> 'class_id') BETWEEN 0 AND 2147483647
            AND public.etl_json_number(b.box -> 'class_id') = trunc(public.etl_json_number(b.box -> 'class_id'))
            THEN public.etl_json_number(b.box -> 'class_id')::integer END,
        public.etl_json_number(b.box -> 'confidence'),
        public.etl_json_number(b.box #> '{bounding_box,x}'),
        public.etl_json_number(b.box #> '{bounding_box,y}'),
        public.etl_json_number(b.box #> '{bounding_box,x}') + public.etl_json_number(b.box #> '{bounding_box,width}'),
        public.etl_json_number(b.box #> '{bounding_box,y}') + public.etl_json_number(b.box #> '{bounding_box,height}')
    FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(p_detections) = 'array' THEN p_detections END
    ) WITH ORDINALITY AS b (box, ordinal)
    WHERE jsonb_typeof(b.box) = 'object'
$$;

COMMENT ON FUNCTION public.etl_detection_rows(jsonb) IS
'One row per box object of a detections array in the dashboard''s shape ({class, class_id, confidence, '
'bounding_box{x, y, width, height}}): corners x1, y1, x2 = x + width, y2 = y + height. A value that is '
'not a JSON number (or class_id not a whole non-negative number) is NULL.';

REVOKE ALL ON FUNCTION public.etl_detection_rows(jsonb) FROM PUBLIC;
