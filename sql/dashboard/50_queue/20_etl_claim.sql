-- etl_claim: the runner's one round trip for a batch of Stage 2 work.

CREATE OR REPLACE FUNCTION public.etl_claim(
    p_worker text,
    p_batch integer,
    p_lease_seconds double precision
)
RETURNS TABLE (
    queue_id bigint,
    execution_id bigint,
    claim_token uuid,
    attempt integer,
    image_source text,
    image_base64 text,
    image_path text,
    image_bytes bytea,
    image_mime_type text,
    image_file_name text,
    image_reason text
)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_item record;
    v_found record;
    v_error text;
    v_detail text;
    v_state text;
BEGIN
    IF p_batch IS NULL OR p_batch < 1 OR p_lease_seconds IS NULL OR p_lease_seconds <= 0 THEN
        RAISE EXCEPTION 'etl_claim: batch must be >= 1 and lease > 0 seconds, got % and %', p_batch, p_lease_seconds
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Called alone (tests, tools), the claim charges its batch itself, in its own transaction: an
    -- extraction that kills the backend then undoes the charge too. The runner charges first.
    IF NOT EXISTS (
        SELECT FROM public.etl_processing_queue AS q
        WHERE q.claimed_by = p_worker AND q.status = 'processing' AND q.extraction_pending
    ) THEN
        PERFORM public.etl_claim_charge(p_worker, p_batch, p_lease_seconds);
    END IF;

    FOR v_item IN
        SELECT q.id, q.execution_id, q.attempts, q.max_attempts, q.deferrals
        FROM public.etl_processing_queue AS q
        WHERE q.claimed_by = p_worker AND q.status = 'processing' AND q.extraction_pending
        ORDER BY q.priority, q.next_attempt_at, q.id
        LIMIT p_batch
        FOR UPDATE
    LOOP
        BEGIN
            -- One subtransaction per execution: its extraction lands whole or not at all, and one
            -- bad execution does not cost the others their claim.
            SELECT * INTO STRICT v_found FROM public.etl_extract_execution(v_item.execution_id);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL, v_state = RETURNED_SQLSTATE;
            v_error := SQLERRM || coalesce(': ' || nullif(v_detail, ''), '');
            -- n8n's database cannot be read (connection exception, or its server shutting down or
            -- starting): no fault of this item, and every other item would fail alike. Abort the
            -- whole claim, spending nothing; the runner backs off and tries again. SAI02 is
            -- sai-etl's "n8n unreachable" (docs/guarantees-faults.md), the one code it matches.
            IF v_state LIKE '08%' OR v_state IN ('57P01', '57P02', '57P03') THEN
                RAISE EXCEPTION 'etl_claim: cannot read n8n''s database, nothing claimed: %', v_error
                    USING ERRCODE = 'SAI02', DETAIL = 'the link''s SQLSTATE: ' || v_state;
            END IF;
            -- n8n's database refuses the read itself (class 42: a revoked grant, a column or table
            -- renamed by an n8n upgrade): systemic, every item would fail alike. Abort the claim,
            -- spending nothing; the runner pauses until the cause is gone (SAI03).
            IF left(v_state, 2) = '42' THEN
                RAISE EXCEPTION 'etl_claim: n8n''s database refuses the read, nothing claimed: %', v_error
                    USING ERRCODE = 'SAI03', DETAIL = 'SQLSTATE ' || v_state;
            END IF;
            -- The attempt was charged already (etl_claim_charge).
            UPDATE public.etl_processing_queue AS q
            SET status = CASE WHEN q.attempts >= q.max_attempts THEN 'failed' ELSE 'pending' END,
                completed_at = CASE WHEN q.attempts >= q.max_attempts THEN now() END,
                next_attempt_at = now() + public.etl_retry_delay(q.attempts),
                claim_token = NULL, locked_until = NULL, extraction_pending = false,
                last_error = 'extraction failed: ' || v_error
            WHERE q.id = v_item.id;
            CONTINUE;
        END;

        -- n8n not showing an execution the dashboard recorded moments ago proves nothing yet: the
        -- trigger delivers it before n8n's commit is visible (an execution inserted already
        -- finished). Gone means gone only after gone_grace.
        IF v_found.outcome = 'gone' AND EXISTS (
            SELECT FROM public.executions AS e
            WHERE e.id = v_item.execution_id
              AND e.created_at > now() - public.etl_setting('gone_grace')::interval
        ) THEN
            v_found.outcome := 'not_ready';
        END IF;
        IF v_found.outcome = 'not_ready' THEN
            -- Not n8n's final word yet: no attempt spent (the charge is refunded).
            UPDATE public.etl_processing_queue AS q
            SET status = 'pending', attempts = q.attempts - 1,
                claim_token = NULL, locked_until = NULL, extraction_pending = false,
                deferrals = q.deferrals + 1,
                next_attempt_at = now() + public.etl_defer_delay(q.deferrals)
            WHERE q.id = v_item.id;
            CONTINUE;
        ELSIF v_found.outcome = 'unreadable' THEN
            -- Object storage (n8n's licensed s3/az modes): no attempt helps; final, with its reason,
            -- counted in health with the failed items.
            UPDATE public.etl_processing_queue AS q
            SET status = 'failed', completed_at = now(), claimed_by = p_worker, attempts = q.attempts - 1,
                claim_token = NULL, locked_until = NULL, extraction_pending = false,
                last_error = 'execution data not readable: ' || v_found.reason
            WHERE q.id = v_item.id;
            CONTINUE;
        ELSIF v_found.outcome = 'gone' THEN
            UPDATE public.etl_processing_queue AS q
            SET status = 'skipped', completed_at = now(), attempts = q.attempts - 1,
                claim_token = NULL, locked_until = NULL, extraction_pending = false,
                last_error = 'source gone: ' || coalesce(v_found.reason, 'n8n no longer has the execution data')
            WHERE q.id = v_item.id;
            CONTINUE;
        END IF;

        UPDATE public.etl_processing_queue AS q
        SET extraction_pending = false
        WHERE q.id = v_item.id
        RETURNING q.id, q.execution_id, q.claim_token, q.attempts
        INTO queue_id, execution_id, claim_token, attempt;
        -- bundle: the runner reads n8n's bundle.json (image_path) and hands it to
        -- etl_extract_claimed_bundle, which returns the real locator.
        image_source := CASE WHEN v_found.outcome = 'bundle' THEN 'bundle' ELSE v_found.image_source END;
        image_base64 := v_found.image_base64;
        image_path := v_found.image_path;
        image_bytes := v_found.image_bytes;
        image_mime_type := v_found.image_mime_type;
        image_file_name := v_found.image_file_name;
        image_reason := v_found.reason;
        RETURN NEXT;
    END LOOP;
END
$$;

COMMENT ON FUNCTION public.etl_claim(text, integer, double precision) IS
'Extracts the items etl_claim_charge took and charged for p_worker (called alone, it charges up to '
'p_batch ready items itself first, in the same transaction). Runs the SQL extraction of each (etl_extract_execution) and '
'returns the claimed ones with their image payload (image_reason: why a frame n8n recorded cannot be '
'handed over, e.g. a storage mode sai-etl does not read) and a claim token for etl_complete/etl_fail; '
'image_source bundle: n8n keeps the execution on its disk, image_path is its bundle.json for '
'etl_extract_claimed_bundle. Items whose data n8n keeps in object storage end failed with the reason. Not '
'returned: items n8n has not finished writing (deferred, no attempt spent), items whose source is gone '
'(skipped, once the execution was recorded longer ago than setting gone_grace; deferred before), '
'items whose extraction failed (retried with backoff, failed after max_attempts). When n8n''s database '
'cannot be read through the link (SQLSTATE class 08 or 57P01-57P03) it raises SAI02; when n8n refuses '
'the read (class 42: a revoked grant, a renamed column or table) it raises SAI03; either way it changes '
'nothing, and items charged before stay charged until etl_claim_refund.';

REVOKE ALL ON FUNCTION public.etl_claim(text, integer, double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_claim(text, integer, double precision) TO sai_etl_runner;
