"""Adjacent-word pairs in every search document, so a quoted phrase is found through the index.

A phrase like "жасанды интеллект" otherwise makes PostgreSQL read every candidate's stored
vector to check that the words stand next to each other (150–200 ms when they co-occur in
16,000 articles). Each document also carries its adjacent lexemes as '~first second' entries
(without positions, so ranking, lead and head ignore them); `jinaq_phrase_query` turns a phrase
into those pairs — exactly the phrase for two words, the pairs and the phrase check for more,
and the plain phrase check when a stop word leaves a gap.
"""

from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION jinaq_with_word_pairs(doc tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    WITH words AS (
        SELECT word.lexeme, place
        FROM unnest(doc) AS word, unnest(word.positions) AS place
        WHERE word.lexeme NOT LIKE 'xq%' AND word.lexeme NOT LIKE '~%'
    )
    SELECT doc || coalesce(array_to_tsvector(array_agg(DISTINCT '~' || one.lexeme || ' ' || two.lexeme)), '')
    FROM words AS one JOIN words AS two ON two.place = one.place + 1
$fn$;

CREATE OR REPLACE FUNCTION jinaq_lexeme_query(lexeme text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    SELECT ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
$fn$;

CREATE OR REPLACE FUNCTION jinaq_phrase_query(config regconfig, phrase text) RETURNS tsquery
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
    exact tsquery := phraseto_tsquery(config, phrase);
    words text[];
    places int[];
    pairs tsquery;
BEGIN
    SELECT array_agg(lexeme ORDER BY place), array_agg(place ORDER BY place) INTO words, places
    FROM (SELECT word.lexeme, place
          FROM unnest(to_tsvector(config, phrase)) AS word, unnest(word.positions) AS place) AS found;
    IF cardinality(words) >= 2 AND places[cardinality(places)] - places[1] = cardinality(places) - 1 THEN
        FOR i IN 1 .. cardinality(words) - 1 LOOP
            pairs := coalesce(pairs && jinaq_lexeme_query('~' || words[i] || ' ' || words[i + 1]),
                              jinaq_lexeme_query('~' || words[i] || ' ' || words[i + 1]));
        END LOOP;
        IF cardinality(words) = 2 THEN
            RETURN pairs;
        END IF;
        RETURN pairs && exact;
    END IF;
    RETURN exact;
END
$fn$;
"""

DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS jinaq_phrase_query(regconfig, text);
DROP FUNCTION IF EXISTS jinaq_lexeme_query(text);
DROP FUNCTION IF EXISTS jinaq_with_word_pairs(tsvector);
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_search_entry_lead")]

    operations = [
        migrations.RunSQL(sql=FUNCTIONS, reverse_sql=DROP_FUNCTIONS),
        migrations.RunSQL(
            sql="UPDATE articles_searchentry SET document = jinaq_with_word_pairs(document)",
            reverse_sql="""
                UPDATE articles_searchentry SET document = ts_delete(
                    document, ARRAY(SELECT lexeme FROM unnest(document) WHERE lexeme LIKE '~%')
                )
            """,
        ),
    ]
