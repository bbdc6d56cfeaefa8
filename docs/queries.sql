-- Example queries researchers ask of eventsdb, on the flat views of the `research` schema.
--
--   psql "$(eventsdb db url)" -f docs/queries.sql       # all of them
--   eventsdb db psql -- -f docs/queries.sql             # the same
--
-- Each query is named by a `-- name:` line; tests/access/test_queries.py runs every one against the
-- loaded Dawn article (examples/dawn-2021-12-23-isk.txt) and checks that the README shows the
-- same text, and bench/bench_queries.py times them on a million incidents. Groups are found by any
-- spelling with research.group_id('IS-K'). Dates come with their precision: `year` is null when an
-- incident's dates straddle years; tolls are ranges (killed_low..killed_high, high null = open).

-- name: incidents_per_group_per_year
-- Incidents per group per year, with the fewest deaths the sources allow. An incident tied to two
-- groups counts for each (research.incident_perpetrators has one row per incident and group).
SELECT g.name AS group_name, t.year, t.incidents, t.killed_at_least
FROM (SELECT p.group_id, i.year, count(*) AS incidents, sum(i.killed_low) AS killed_at_least
      FROM research.incident_perpetrators AS p
      JOIN research.incidents AS i USING (incident_id)
      GROUP BY p.group_id, i.year) AS t
JOIN research.groups AS g USING (group_id)
ORDER BY g.name, t.year;

-- name: deaths_per_province
-- Deaths per province (ISO 3166-2), as a range: killed_high is null when some incident's toll is
-- open-ended ('over 50'). Incidents placed only at country level have no admin1.
SELECT i.country, i.admin1_code, i.admin1_name, count(*) AS incidents,
       sum(i.killed_low) AS killed_low,
       CASE WHEN count(i.killed_high) = count(*) THEN sum(i.killed_high) END AS killed_high
FROM research.incidents AS i
GROUP BY i.country, i.admin1_code, i.admin1_name
ORDER BY killed_low DESC NULLS LAST, i.country, i.admin1_code;

-- name: incidents_with_several_sources_or_contested_claims
-- Incidents reported by more than one source (each source's account is a row of
-- research.incident_reports), or resting on a claim that is denied, or that counters or is countered
-- by another (research.claim_responses): where the record is contested. research.incident_sources
-- and research.incident_reports then say by whom, and what each source says.
WITH several_sources AS (
    SELECT r.incident_id
    FROM research.incident_reports AS r
    GROUP BY r.incident_id
    HAVING count(DISTINCT r.source_id) > 1
), contested AS (
    SELECT s.incident_id      -- supported by a claim that counters another
    FROM research.claim_responses AS c
    JOIN research.incident_sources AS s ON s.claim_id = c.claim_id
    WHERE c.kind = 'counters'
    UNION
    SELECT s.incident_id      -- supported by a claim that another counters
    FROM research.claim_responses AS c
    JOIN research.incident_sources AS s ON s.claim_id = c.responds_to_claim_id
    WHERE c.kind = 'counters'
    UNION
    SELECT s.incident_id      -- supported by a denial or a counter-claim
    FROM research.incident_sources AS s
    WHERE s.claim_kind IN ('denial', 'counter')
), flagged AS (
    SELECT incident_id, bool_or(several) AS several_sources, bool_or(NOT several) AS contested
    FROM (SELECT incident_id, true AS several FROM several_sources
          UNION ALL
          SELECT incident_id, false FROM contested) AS reasons
    GROUP BY incident_id
)
SELECT i.incident_id, i.date_label, i.country, i.admin1_name, i.city, i.killed_low, i.killed_high,
       f.several_sources, f.contested
FROM flagged AS f
JOIN research.incidents AS i USING (incident_id)
ORDER BY i.incident_id;

-- name: claims_about_isk
-- Every claim about IS-K, with who makes it, its exact words and the source.
SELECT c.claim_id, c.kind, c.claimant, c.quote, c.source_label, c.url
FROM research.claims AS c
WHERE c.about_group_id = research.group_id('IS-K')
ORDER BY c.published_on, c.source_id, c.char_start;

-- name: groups_isk_draws_members_from
-- The groups IS-K draws its members from, according to whom.
SELECT r.object_group AS draws_members_from, r.claimant, r.quote, r.source_label
FROM research.group_relations AS r
WHERE r.subject_group_id = research.group_id('IS-K')
  AND r.kind = 'composed_of_members_of'
ORDER BY r.object_group, r.source_label;
