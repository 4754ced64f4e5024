-- The image locator on hand-made flatted items (the item is the root element, path '{}'): which
-- binary entry it picks, each binary data mode, the body fallback, and what it reports when a
-- recorded frame cannot be handed over.
BEGIN;
SELECT plan(12);

CREATE FUNCTION pg_temp.locate(p_flatted text) RETURNS TABLE (
    image_source text, image_base64 text, image_path text, image_bytes bytea, image_mime_type text,
    image_file_name text, reason text
) LANGUAGE sql AS $$
    SELECT * FROM etl_image_locator(etl_flatted_parse(p_flatted), '{}')
$$;

SELECT results_eq(
    $$SELECT * FROM pg_temp.locate('[{"binary":"1"},{"thumb":"2","image":"3"},{"mimeType":"4","data":"5"},'
        '{"mimeType":"6","data":"7","fileName":"8"},"image/png","VEhVTUI=","image/jpeg","SU1BR0U=","cam.jpg"]')$$,
    $$VALUES ('binary'::text, 'SU1BR0U='::text, NULL::text, NULL::bytea, 'image/jpeg'::text, 'cam.jpg'::text, NULL::text)$$,
    'inline base64 under binary.image, even with other images beside it'
);
SELECT results_eq(
    $$SELECT image_source, image_base64, image_mime_type FROM pg_temp.locate(
        '[{"binary":"1"},{"attachment":"2","photo":"3"},{"mimeType":"4","data":"5"},{"mimeType":"6","data":"7"},'
        '"application/pdf","UERG","image/jpeg","SlBFRw=="]')
      UNION ALL
      SELECT image_source, image_base64, image_mime_type FROM pg_temp.locate(
        '[{"binary":"1"},{"file":"2"},{"mimeType":"3","data":"4"},"application/octet-stream","QUJD"]')$$,
    $$VALUES ('binary'::text, 'SlBFRw=='::text, 'image/jpeg'::text), ('binary', 'QUJD', 'application/octet-stream')$$,
    'without an image key: the entry whose mimeType says image, else any (the runner judges the bytes)'
);
SELECT results_eq(
    $$SELECT image_source, image_path, image_base64 FROM pg_temp.locate(
        '[{"binary":"1"},{"image":"2"},{"mimeType":"3","data":"4","id":"5"},"image/jpeg","filesystem",'
        '"filesystem:1234_9f3c"]')$$,
    $$VALUES ('filesystem'::text, '1234_9f3c'::text, NULL::text)$$,
    'a legacy filesystem id is a path under binaryData too'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.locate('[{"binary":"1"},{"image":"2"},{"mimeType":"3","data":"4","id":"5"},"image/jpeg",'
        '"s3","s3:workflows/w/executions/1/binary_data/x"]')$$,
    $$VALUES (NULL::text, NULL::text, NULL::text, NULL::bytea, NULL::text, NULL::text,
              'binary data id s3:workflows/w/executions/1/binary_data/x: mode s3 is not one sai-etl reads'::text)$$,
    'an unsupported binary data mode: no source, and the reason'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.locate('[{"binary":"1"},{"image":"2"},{"mimeType":"3","data":"4","id":"5","fileName":"6"},'
        '"image/jpeg","database","database:0b0f5a36-5d0e-4c1e-9a55-2b1f3c9d8e7f","f.jpg"]')$$,
    $$VALUES ('database'::text, NULL::text, NULL::text, NULL::bytea, 'image/jpeg'::text, 'f.jpg'::text,
              'n8n binary_data has no file 0b0f5a36-5d0e-4c1e-9a55-2b1f3c9d8e7f'::text)$$,
    'a database file n8n no longer has: source database, no bytes, the reason'
);
SELECT results_eq(
    $$SELECT image_source, image_bytes, reason FROM pg_temp.locate(
        '[{"binary":"1"},{"image":"2"},{"data":"3","id":"4"},"database","database:nonsense"]')$$,
    $$VALUES ('database'::text, NULL::bytea, 'binary data id database:nonsense names no file'::text)$$,
    'a database id that is not a uuid'
);
SELECT results_eq(
    $$SELECT image_source, image_base64, image_mime_type FROM pg_temp.locate(
        '[{"binary":"1","json":"2"},{"image":"3"},{"body":"4"},{"mimeType":"5"},{"image":"6"},"image/jpeg","Qk9EWQ=="]')$$,
    $$VALUES ('body'::text, 'Qk9EWQ=='::text, NULL::text)$$,
    'a binary entry without data or id: the body image'
);
SELECT results_eq(
    $$SELECT image_source, image_base64, image_mime_type FROM pg_temp.locate(
        '[{"binary":"1","json":"2"},{"image":"3"},{"body":"4"},{"mimeType":"5","data":"6"},{"image":"7"},"image/jpeg",'
        '{"x":1},"Qk9EWQ=="]')$$,
    $$VALUES ('body'::text, 'Qk9EWQ=='::text, NULL::text)$$,
    'binary data that is not a string is not a payload'
);
SELECT throws_ok(
    $$SELECT * FROM pg_temp.locate('[{"binary":"1"},{"image":"2"},{"data":"99"}]')$$,
    'SAI01',
    'flatted: reference "99" out of range',
    'a broken reference to the payload is the decoder''s error, never an image'
);
SELECT results_eq(
    $$SELECT image_source, image_base64, image_mime_type FROM pg_temp.locate(
        '[{"json":"1"},{"body":"2"},{"image":"3"},"data:IMAGE/PNG;base64,iVBO"]')$$,
    $$VALUES ('body'::text, 'data:IMAGE/PNG;base64,iVBO'::text, 'image/png'::text)$$,
    'a data: URL is handed over as sent, its media type as the claimed mime type'
);
SELECT results_eq(
    $$SELECT count(*)::integer FROM (
        SELECT * FROM pg_temp.locate('[{"json":"1"},{"body":"2"},{"image":42}]')
        UNION ALL SELECT * FROM pg_temp.locate('[{"json":"1"},{"body":"2"},"just text"]')
        UNION ALL SELECT * FROM etl_image_locator(etl_flatted_parse('[{}]'), NULL)
      ) AS l
      WHERE (image_source, image_base64, image_path, image_bytes, image_mime_type, image_file_name, reason) IS NULL$$,
    $$VALUES (3)$$,
    'a non-string body image, a text body, no item: no image at all'
);
SELECT results_eq(
    $$SELECT image_source, image_base64 FROM pg_temp.locate('[{"json":"1"},{"body":"2"},{"image":"3"},""]')$$,
    $$VALUES ('body'::text, ''::text)$$,
    'an empty body image is handed over as sent (the runner records it invalid: empty payload)'
);

SELECT * FROM finish();
ROLLBACK;
