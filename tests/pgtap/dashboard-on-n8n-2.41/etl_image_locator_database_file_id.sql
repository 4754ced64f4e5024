-- n8n 2.41's database binary mode, with n8n's own rows: the item says "database:<uuid>" and the
-- bytes are binary_data.data where "fileId" = <uuid>. For webhook uploads n8n leaves "sourceId" at
-- 'temp', so a lookup by the execution id would find nothing: the locator reads by fileId alone.
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 15;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;

SELECT results_eq(
    $$SELECT "sourceType"::text, "sourceId"::text, count(*) FROM n8n.binary_data GROUP BY 1, 2$$,
    $$VALUES ('execution'::text, 'temp'::text, 3::bigint)$$,
    'n8n wrote the three uploads with sourceId temp, not the execution id'
);

CREATE TEMP TABLE located ON COMMIT DROP AS
SELECT e.id, x.image_source, x.image_bytes, x.image_file_name
FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id IN (9, 10, 11);

SELECT results_eq(
    $$SELECT l.id, b."fileId"::text, l.image_bytes = b.data, octet_length(l.image_bytes)
      FROM located AS l
      JOIN (VALUES (9, 'bdb7908e-921e-4938-87d8-ed9c46f13fdb'::uuid), (10, '8ffe4fa8-3126-4088-88cc-f3921b9849ac'),
                   (11, 'be9e54dd-13bd-47cc-8afb-ed7d3ea9ccaa')) AS f (id, file_id) USING (id)
      JOIN n8n.binary_data AS b ON b."fileId" = f.file_id
      ORDER BY l.id$$,
    $$VALUES
        (9::bigint, 'bdb7908e-921e-4938-87d8-ed9c46f13fdb'::text, true, 110125),
        (10, '8ffe4fa8-3126-4088-88cc-f3921b9849ac', true, 597372),
        (11, 'be9e54dd-13bd-47cc-8afb-ed7d3ea9ccaa', true, 133576)$$,
    'each execution gets exactly the bytes of the row whose fileId its item names'
);

SELECT results_eq(
    $$SELECT id, image_file_name FROM located ORDER BY id$$,
    $$VALUES (9::bigint, 'cam2_1280x720.jpg'::text), (10, 'cam4_640x480.png'), (11, 'cam3_1280x720.jpg')$$,
    'the file names n8n recorded'
);

SELECT * FROM finish();
ROLLBACK;
