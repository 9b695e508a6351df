# Stand-in for postgres:16 where Docker Hub is out of reach (scripts/stand-in-images.sh servers):
# Debian's PostgreSQL 15, with what compose.yaml uses of the official image: POSTGRES_DB,
# POSTGRES_PASSWORD, POSTGRES_HOST_AUTH_METHOD, the data in /var/lib/postgresql/data, pg_isready,
# fast shutdown.
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
RUN mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf && \
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 && \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
CMD ["postgres"]
