from alembic import context
from sqlalchemy import text

from kiosk import models  # noqa: F401  (every table in the metadata)
from kiosk.extensions import db

ADVISORY_LOCK = 7191908


def run_migrations_online() -> None:
    with db.engine.connect() as connection:
        dialect = connection.dialect.name
        if dialect == "postgresql":
            # Several server processes may start together: one migrates, the others wait.
            connection.execute(text(f"SELECT pg_advisory_lock({ADVISORY_LOCK})"))
            connection.commit()
        if dialect == "sqlite":
            # SQLite alters a table by copying it and dropping the old one; with
            # foreign keys on, that DROP would cascade and delete every child row
            # (all of an event's delegates...). Off for the migration, outside any
            # transaction as SQLite requires, and checked afterwards.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=db.metadata,
                render_as_batch=dialect == "sqlite",
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            if dialect == "postgresql":
                connection.execute(text(f"SELECT pg_advisory_unlock({ADVISORY_LOCK})"))
                connection.commit()
            if dialect == "sqlite":
                raw = connection.connection.driver_connection
                raw.execute("PRAGMA foreign_keys=ON")
                broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"Migration left rows pointing at nothing: {broken[:5]}")


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `kiosk db upgrade`.")
run_migrations_online()
