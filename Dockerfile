# Production image: gunicorn serves the site, the same image runs the Celery
# worker and beat (see docker-compose.yml). Static files are collected at build
# time and served by whitenoise.
FROM python:3.11-slim

# PYTHONPATH: the source tree in /app wins over the installed copy, so BASE_DIR
# is /app and templates/, static/ and locale/ are found.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code changes reuse this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install --no-deps .

# Dummy values only for this step: production settings refuse to load without them.
RUN DJANGO_SECRET_KEY=collectstatic-only \
    VOTING_CODE_KEY=collectstatic-only \
    DATABASE_URL=postgres://build@localhost/build \
    DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput --verbosity 0

# Run as an unprivileged user; only var/ (uploads, mail files) is writable.
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var \
    && mkdir -p /tmp/prometheus && chown app:app /tmp/prometheus
USER app

EXPOSE 8000
# Workers, threads and the access log (without private-link tokens): config/gunicorn.py.
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi:application"]
