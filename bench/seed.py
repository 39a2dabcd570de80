"""Bulk-seed 100,000 initiatives with set-based SQL (generate_series): seconds, not minutes.

Texts are composed from Dutch phrase lists so full-text search and matching have
realistic work to do. Deterministic: the same rows every time."""

import time

from django.db import connection, transaction

TARGET = 100_000

SUBJECTS = [
    "buurtmoestuin",
    "repair café",
    "koffieochtend",
    "straatfeest",
    "voetbaltoernooi",
    "kunstroute",
    "huiswerkhulp",
    "klusjesdienst",
    "bankje",
    "taalcafé",
    "zonnepanelen",
    "buurtpreventie",
    "wandelgroep",
    "ruilkast",
    "buurtmaaltijd",
    "muziekles",
    "geveltuin",
    "woongroep",
    "werkplaats",
    "zomerbioscoop",
    "speeltuin",
    "jeu de boules",
    "buurtbieb",
    "fietsenmaker",
    "naaicafé",
    "boomfeestdag",
    "dansles",
    "computerles",
    "schaakclub",
    "burendag",
]
PLACES = [
    "achter de flat",
    "in het buurthuis",
    "op het plein",
    "in de bibliotheek",
    "bij de school",
    "in het park",
    "aan de Beukenlaan",
    "bij de kerk",
    "op het grasveld",
    "in de sporthal",
]
AUDIENCES = [
    "voor ouderen die alleen wonen",
    "voor kinderen uit de wijk",
    "voor jongeren",
    "voor nieuwkomers",
    "voor iedereen in de straat",
    "voor mensen met weinig geld",
    "voor gezinnen",
    "voor mantelzorgers",
]
HOWS = [
    "We zoeken vrijwilligers en een plek.",
    "We hebben hulp nodig met een vergunning.",
    "We zoeken geld voor materiaal.",
    "We willen graag samenwerken met de school.",
    "Een sponsor uit de buurt helpt al mee.",
    "We beginnen klein, één keer per maand.",
]


def _sql_array(values):
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def run():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM initiatives_initiative")
        (existing,) = cursor.fetchone()
    if existing >= TARGET:
        return [("seed: initiatives present (reused)", f"{existing:,}"), *_index_words()]

    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE TEMP TABLE bench_seq ON COMMIT DROP AS
            SELECT g AS i FROM generate_series(1, {TARGET - existing}) g;

            INSERT INTO initiatives_initiator
              (kind, name, email, phone, postcode, address, preferred_channel, language,
               consent_contact_at, consent_matching_at, consent_publish_at, created_at)
            SELECT (ARRAY['resident','resident','resident','residents_group','small_business',
                          'organisation','other'])[1 + i % 7],
                   'Bewoner ' || i, 'bewoner' || i || '@example.nl', '06' || lpad(i::text, 8, '0'),
                   '8011AB', '', 'email', 'nl', now(),
                   CASE WHEN i % 2 = 0 THEN now() END, CASE WHEN i % 3 = 0 THEN now() END, now()
            FROM bench_seq;
            """
        )
        cursor.execute(
            f"""
            WITH initiators AS (
              SELECT id, row_number() OVER (ORDER BY id) AS i
              FROM initiatives_initiator ORDER BY id DESC LIMIT {TARGET - existing}
            ),
            hoods AS (SELECT array_agg(id ORDER BY id) AS ids FROM neighbourhoods_neighbourhood),
            themes AS (SELECT array_agg(id ORDER BY id) AS ids FROM initiatives_theme),
            brokers AS (
              SELECT array_agg(u.id ORDER BY u.id) AS ids FROM auth_user u
              JOIN auth_user_groups ug ON ug.user_id = u.id
              JOIN auth_group g ON g.id = ug.group_id AND g.name = 'broker'
            ),
            base AS (
              SELECT ini.id AS initiator_id, ini.i,
                     now() - ((ini.i * 7919) % 1460) * interval '1 day' AS submitted_at,
                              (ARRAY['new','in_conversation','in_progress','realised','realised','realised',
                            'no_demand','stopped','withdrawn','referred'])[1 + ini.i % 10] AS status
              FROM initiators ini
            )
            INSERT INTO initiatives_initiative
              (reference, public_id, link_version, title, description, theme_id, neighbourhood_id,
               initiator_id, channel, needs, status, submitted_at, first_contact_due,
               first_contact_at, closed_at, broker_id, outcome_message, updated_at)
            SELECT 'B' || extract(year FROM b.submitted_at)::int || '-' || lpad(b.i::text, 6, '0'),
                   md5('bench' || b.i)::uuid, 1,
                   initcap(({_sql_array(SUBJECTS)})[1 + b.i % {len(SUBJECTS)}]) || ' '
                     || ({_sql_array(PLACES)})[1 + (b.i / 7) % {len(PLACES)}],
                   'Wij willen een ' || ({_sql_array(SUBJECTS)})[1 + b.i % {len(SUBJECTS)}] || ' '
                     || ({_sql_array(PLACES)})[1 + (b.i / 7) % {len(PLACES)}] || ' '
                     || ({_sql_array(AUDIENCES)})[1 + (b.i / 3) % {len(AUDIENCES)}] || '. '
                     || ({_sql_array(HOWS)})[1 + (b.i / 11) % {len(HOWS)}],
                   themes.ids[1 + b.i % array_length(themes.ids, 1)],
                   hoods.ids[1 + (b.i / 5) % array_length(hoods.ids, 1)],
                   b.initiator_id,
                   (ARRAY['web','web','web','phone','email','walk_in','letter','home_visit',
                          'event','partner'])[1 + (b.i / 13) % 10],
                   CASE b.i % 4 WHEN 0 THEN ARRAY['thinking_along','funding']
                                WHEN 1 THEN ARRAY['contacts','location']
                                WHEN 2 THEN ARRAY['rules_permits','volunteers']
                                ELSE ARRAY['publicity','funding'] END,
                   b.status, b.submitted_at, (b.submitted_at + interval '7 days')::date,
                   CASE WHEN b.status NOT IN ('new') THEN
                        b.submitted_at + ((b.i % 9) + 1) * interval '1 day' END,
                   CASE WHEN b.status IN ('realised','no_demand','stopped','withdrawn','referred')
                        THEN b.submitted_at + interval '60 days' END,
                   CASE WHEN b.status <> 'new' OR b.i % 2 = 0 THEN
                        brokers.ids[1 + b.i % array_length(brokers.ids, 1)] END,
                   CASE WHEN b.status IN ('realised','no_demand','stopped','withdrawn','referred')
                        THEN 'Afgesloten.' ELSE '' END,
                   now()
            FROM base b, hoods, themes, brokers;
            """
        )
        # The gallery's universe: a broker reviewed and published most of the ideas
        # whose initiators allowed it (a tenth still waits, the queue's review task).
        cursor.execute(
            """
            INSERT INTO initiatives_publication
              (initiative_id, status, title, summary, reason, published_at, updated_at)
            SELECT i.id, CASE WHEN i.id % 10 = 0 THEN 'to_review' ELSE 'published' END,
                   i.title, left(i.description, 600), '',
                   CASE WHEN i.id % 10 <> 0 THEN now() END, now()
            FROM initiatives_initiative i
            JOIN initiatives_initiator p ON p.id = i.initiator_id
            WHERE p.consent_publish_at IS NOT NULL AND i.status <> 'withdrawn'
              AND NOT EXISTS (
                SELECT 1 FROM initiatives_publication x WHERE x.initiative_id = i.id
              );
            """
        )
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM initiatives_initiative")
        (total,) = cursor.fetchone()
    return [
        ("seed: initiatives", f"{total:,}"),
        ("seed: bulk insert time", f"{seconds:.1f} s (target < 60 s)"),
        *_index_words(),
    ]


def _index_words():
    """What the beat job (initiatives.tasks.index_pending) does for rows loaded by SQL:
    their compounds' parts and thesaurus tokens into the documents, so that every section
    measures with compound splitting on. Once per distinct text (the seed repeats them)."""
    from initiatives import vocabulary

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT title, description FROM initiatives_initiative"
            " WHERE match_terms IS NULL"
        )
        texts = cursor.fetchall()
    if not texts:
        return [("seed: index words", "present (reused)")]
    rows = [(t, d, vocabulary.index_terms(t, d), vocabulary.text_hash(t, d)) for t, d in texts]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_terms (title text, description text, terms text, hash text)"
            " ON COMMIT DROP"
        )
        with cursor.copy("COPY bench_terms FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            "UPDATE initiatives_initiative i SET match_terms = t.terms, match_terms_of = t.hash"
            " FROM bench_terms t WHERE i.match_terms IS NULL"
            " AND i.title = t.title AND i.description = t.description"
        )
        updated = cursor.rowcount
        cursor.execute("ANALYZE initiatives_initiative")
    return [
        (
            "seed: index words (compound parts, thesaurus)",
            f"{updated:,} cases, {len(texts):,} distinct texts, "
            f"{time.perf_counter() - started:.0f} s",
        )
    ]
