"""The documents' adjacent-word pairs move from the stored vectors into an index of their own.

Migration 0007 stored every document with its word pairs ('~жасанды интеллект'), so a quoted
phrase was found through the document's GIN index. The pairs took a third of the search table
(at 100,000 articles 1.2 GB of out-of-line vectors, pairs about 5 of every 11 KB). Now each
document is stored without them and an expression index on `jinaq_word_pairs(document)` holds
them: a two-word phrase is still found through an index alone (articles.search.matching), and
the table keeps only what ranking reads.

`jinaq_phrase_pair` gives a phrase's pair where the phrase is two words side by side, and
`jinaq_phrase_check` the phrase operator's query where it is not (one word, three or more, a
stop word inside); each is NULL where the other applies, so a search ORs both and never asks
PostgreSQL to recompute a row's pairs. Recomputing them takes about 1 ms a row: the function's
declared cost keeps the planner from choosing a plan that does (a filter on the pairs). Not atomic: VACUUM FULL, which gives the space of the old
vectors back to the system, cannot run inside a transaction.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations
from django.db.models import F, Func

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION jinaq_word_pairs(doc tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 100000 AS $fn$
    WITH words AS (
        SELECT word.lexeme, place
        FROM unnest(doc) AS word, unnest(word.positions) AS place
        WHERE word.lexeme NOT LIKE 'xq%' AND word.lexeme NOT LIKE '~%'
    )
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT '~' || one.lexeme || ' ' || two.lexeme)), '')
    FROM words AS one JOIN words AS two ON two.place = one.place + 1
$fn$;

CREATE OR REPLACE FUNCTION jinaq_phrase_lexemes(config regconfig, phrase text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    -- The phrase's lexemes in order when they stand side by side, one to a position; else NULL.
    SELECT CASE WHEN max(place) - min(place) = count(*) - 1 THEN array_agg(lexeme ORDER BY place) END
    FROM (SELECT word.lexeme, place
          FROM unnest(to_tsvector(config, phrase)) AS word, unnest(word.positions) AS place) AS found
$fn$;

CREATE OR REPLACE FUNCTION jinaq_phrase_pair(config regconfig, phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    SELECT CASE WHEN cardinality(words) = 2 THEN jinaq_lexeme_query('~' || words[1] || ' ' || words[2]) END
    FROM jinaq_phrase_lexemes(config, phrase) AS words
$fn$;

CREATE OR REPLACE FUNCTION jinaq_phrase_check(config regconfig, phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    SELECT CASE WHEN jinaq_phrase_pair(config, phrase) IS NULL THEN phraseto_tsquery(config, phrase) END
$fn$;
"""

DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS jinaq_phrase_check(regconfig, text);
DROP FUNCTION IF EXISTS jinaq_phrase_pair(regconfig, text);
DROP FUNCTION IF EXISTS jinaq_phrase_lexemes(regconfig, text);
DROP FUNCTION IF EXISTS jinaq_word_pairs(tsvector);
"""

WITHOUT_PAIRS = (
    "UPDATE articles_searchentry"
    " SET document = ts_delete(document, ARRAY(SELECT lexeme FROM unnest(document) WHERE lexeme LIKE '~%'))"
)
WITH_PAIRS = "UPDATE articles_searchentry SET document = jinaq_with_word_pairs(document)"


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("articles", "0013_published_counts")]

    operations = [
        migrations.RunSQL(sql=FUNCTIONS, reverse_sql=DROP_FUNCTIONS),
        migrations.RunSQL(
            sql=WITHOUT_PAIRS,
            reverse_sql=WITH_PAIRS,
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=GinIndex(
                Func(F("document"), function="jinaq_word_pairs", output_field=SearchVectorField()),
                name="searchentry_pairs_gin",
            ),
        ),
        migrations.RunSQL(
            sql="VACUUM (FULL, ANALYZE) articles_searchentry", reverse_sql=migrations.RunSQL.noop
        ),
    ]
