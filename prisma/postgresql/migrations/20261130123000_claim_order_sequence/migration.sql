-- The claim order (job_runs.claim_seq) comes from a sequence: MAX(claim_seq) + 1 gave every run of
-- a claimed batch the same number, and two claims running at the same time the same numbers too.
-- The fair claim reads MAX(claim_seq) per business as "last served", so numbers must only grow:
-- the sequence starts after the largest one handed out so far.
CREATE SEQUENCE "job_run_claim_order";
-- Row-level security is forced on job_runs: the migration reads every business's runs.
SELECT set_config('app.bypass_rls', 'on', false);
SELECT setval('job_run_claim_order', COALESCE((SELECT MAX("claim_seq") FROM "job_runs"), 0) + 1, false);
SELECT set_config('app.bypass_rls', '', false);
