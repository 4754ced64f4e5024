-- n8n's retryOf is recorded as the execution id it names, and only as one.
BEGIN;
SELECT plan(1);

SELECT results_eq(
    $$SELECT etl_retry_of(t) FROM unnest(ARRAY['41', '007', NULL, '', '4''2', '-3', '1e3', '12345678901234567890']) AS t$$,
    $$VALUES (41::bigint), (7), (NULL), (NULL), (NULL), (NULL), (NULL), (NULL)$$,
    'digits become the id; anything else, or more than 18 digits, is not known'
);

SELECT * FROM finish();
ROLLBACK;
