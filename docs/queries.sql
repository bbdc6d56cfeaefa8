-- Example queries researchers ask of eventsdb, on the flat views and summaries of the `research` schema.
--
--   psql "$(eventsdb db url)" -f docs/queries.sql       # all of them
--   eventsdb db psql -- -f docs/queries.sql             # the same
--
-- Each query is named by a `-- name:` line; tests/access/test_example_queries.py runs every one
-- against a small hand-made dataset (and checks that the README shows the same text),
-- tests/access/test_dawn_article.py against the loaded Dawn article
-- (examples/dawn-2021-12-23-isk.txt); bench/bench_queries.py times them on a million incidents.
-- Two read summaries (materialized views, refreshed by every load that changes something and by
-- `eventsdb db refresh`) instead of every incident. Groups are found by any
-- spelling with research.group_id('IS-K'). Dates come with their precision: `year` is null when an
-- incident's dates straddle years; tolls are ranges (killed_low..killed_high, high null = open).

-- name: incidents_per_group_per_year
-- Incidents per group per year, with the fewest deaths the sources allow. An incident tied to two
-- groups counts for each. Read from the summary research.incidents_per_group_year (as of the last
-- load or `eventsdb db refresh`): counting a million incidents each time would take a second.
SELECT g.name AS group_name, s.year, s.incidents, s.killed_low AS killed_at_least
FROM research.incidents_per_group_year AS s
JOIN research.groups AS g USING (group_id)
ORDER BY g.name, s.year;

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
-- Incidents in Pakistan reported by more than one source, or resting on a claim that is denied, or
-- that counters or is countered by another: where the record is contested, newest first. The summary
-- research.incidents_several_sources_or_contested lists them (as of the last load); filter it on
-- country, admin1_code, year or dates, as here (without a filter it is every such incident: a tenth
-- of them, better exported). research.incident_reports and research.incident_sources then say who
-- says what.
SELECT i.incident_id, i.date_label, i.admin1_name, i.city, i.killed_low, i.killed_high,
       f.reporting_sources, f.several_sources, f.contested
FROM research.incidents_several_sources_or_contested AS f
JOIN research.incidents AS i USING (incident_id)
WHERE f.country = 'PK'
ORDER BY f.date_start DESC, f.incident_id;

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
