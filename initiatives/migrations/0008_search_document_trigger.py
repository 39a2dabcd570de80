"""The brokers' search document is kept by PostgreSQL, like match_document: a trigger
builds it when a case is inserted or its title, description or initiator changes, and
another rebuilds an initiator's cases when their name changes (admin edit, erasure).

No service has to remember to refresh it, a case is written once instead of inserted
and then updated, and rows loaded by SQL (import, benchmark seed) get it too. Anyone
who writes the column directly (a stale value from a full save()) gets it rebuilt."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION initiative_search_document_build() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT'
       OR NEW.title IS DISTINCT FROM OLD.title
       OR NEW.description IS DISTINCT FROM OLD.description
       OR NEW.initiator_id IS DISTINCT FROM OLD.initiator_id
       OR NEW.search_document IS NULL
       OR NEW.search_document IS DISTINCT FROM OLD.search_document THEN
        -- Title (A), description (B) and the initiator's name (C), in Dutch.
        NEW.search_document :=
            setweight(to_tsvector('dutch', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('dutch', coalesce(NEW.description, '')), 'B')
            || setweight(to_tsvector('dutch', coalesce(
                (SELECT name FROM initiatives_initiator WHERE id = NEW.initiator_id), '')), 'C');
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER initiative_search_document_build
    BEFORE INSERT OR UPDATE ON initiatives_initiative
    FOR EACH ROW EXECUTE FUNCTION initiative_search_document_build();

CREATE FUNCTION initiator_name_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Clearing the column makes the trigger above build it again with the new name.
    UPDATE initiatives_initiative SET search_document = NULL WHERE initiator_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER initiator_name_search_document
    AFTER UPDATE OF name ON initiatives_initiator
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION initiator_name_search_document();

-- Existing rows: clearing makes the trigger build every document once.
UPDATE initiatives_initiative SET search_document = NULL;
"""

BACKWARD = """
DROP TRIGGER initiator_name_search_document ON initiatives_initiator;
DROP FUNCTION initiator_name_search_document();
DROP TRIGGER initiative_search_document_build ON initiatives_initiative;
DROP FUNCTION initiative_search_document_build();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_resident_attachments_updates"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
