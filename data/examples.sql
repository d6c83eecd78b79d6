-- Example research questions over the bundled seed tables.
-- Each question is a comment block followed by one query ending in a semicolon.

-- Q1. How did the women's share of defectors arriving in South Korea change year by year?
--     (~1998 and ~2001 are multi-year buckets; shares are computed from the printed counts.)
SELECT period,
       year_from,
       year_to,
       female,
       total,
       round(100.0 * female / total, 1) AS female_pct
FROM arrivals
ORDER BY year_to;

-- Q2. How many defectors arrived before and after Kim Jong-un took power (up to 2011 vs 2012 onward),
--     and what was the average per single year in each era (multi-year buckets excluded from the average)?
SELECT CASE WHEN year_to <= 2011 THEN 'up to 2011' ELSE '2012 onward' END AS era,
       arg_min(period, year_to) AS first_period,
       arg_max(period, year_to) AS last_period,
       sum(total) AS arrivals,
       sum(female) AS women,
       round(100.0 * sum(female) / sum(total), 1) AS female_pct,
       round(avg(total) FILTER (WHERE year_from = year_to), 0) AS avg_per_single_year
FROM arrivals
GROUP BY era
ORDER BY era DESC;

-- Q3. Which countries outside South Korea have the largest estimated North Korean populations,
--     and who made each estimate (ranges shown as low-high)?
SELECT country,
       place,
       population,
       period_text,
       estimate_low,
       estimate_high,
       qualifier,
       estimated_by
FROM destinations
WHERE unit = 'people'
  AND measure_kind = 'stock'
  AND country <> 'South Korea'
ORDER BY estimate_high DESC, country;

-- Q4. Where does the prose disagree with the Statistics table? Compare every single-year prose
--     claim (counts and female shares) with the table row for the same year.
SELECT p.period_text,
       p.measure,
       p.qualifier,
       p.people AS prose_people,
       p.female_percent AS prose_female_pct,
       a.female AS table_female,
       a.total AS table_total,
       round(100.0 * a.female / a.total, 1) AS table_female_pct,
       p.source_quote
FROM arrivals_prose_figures AS p
JOIN arrivals AS a
  ON p.year_from = a.year_from AND p.year_to = a.year_to
ORDER BY p.year_to, p.measure;

-- Q5. How many North Koreans were reported sent back (repatriated or deported) in the incidents
--     the article lists, by country and year? (Incidents without a head count are left out; the
--     April 2019 Vietnam interception, where 3 of 6 were deported, is typed 'interception'.)
SELECT country,
       year(event_date) AS year,
       count(*) AS incidents,
       sum(head_count) AS people_sent_back,
       string_agg(date_text || ': ' || head_count || ' ' || outcome, ' | ' ORDER BY event_date) AS incidents_detail
FROM events
WHERE event_type IN ('repatriation', 'deportation', 'arrest_and_repatriation',
                     'arrest_and_deportation', 'capture_and_deportation')
  AND head_count IS NOT NULL
GROUP BY country, year(event_date)
ORDER BY year, country;
