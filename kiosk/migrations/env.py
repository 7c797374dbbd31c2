from alembic import context
from sqlalchemy import text

from kiosk import models  # noqa: F401  (every table in the metadata)
from kiosk.extensions import db


def run_migrations_online() -> None:
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # Several server processes may start together: one migrates, the others wait.
            connection.execute(text("SELECT pg_advisory_lock(7191908)"))
            connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=db.metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(7191908)"))
                connection.commit()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `kiosk db upgrade`.")
run_migrations_online()
