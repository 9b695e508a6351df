# Stand-in for mysql:8.4 where Docker Hub is out of reach (scripts/stand-in-images.sh servers):
# Debian's MariaDB 10.11 (the database the project's CI also tests on), with what compose.yaml uses of
# the official image: MYSQL_DATABASE, MYSQL_ROOT_PASSWORD (root from any host; or none with
# MYSQL_ALLOW_EMPTY_PASSWORD=yes),
# the data in /var/lib/mysql, mysqladmin for the health check.
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server && \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/lib/mysql/*
COPY mysql-entrypoint.sh /usr/local/bin/
VOLUME /var/lib/mysql
EXPOSE 3306
ENTRYPOINT ["/usr/local/bin/mysql-entrypoint.sh"]
CMD ["mariadbd"]
