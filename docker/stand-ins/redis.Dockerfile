# Stand-in for redis:7-alpine where Docker Hub is out of reach (scripts/stand-in-images.sh servers):
# Debian's Redis 7, run as the official image runs it: as the redis user in /data, reachable from
# other containers (protected mode off, as there with no configuration file), redis-cli for checks.
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server && \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin && mkdir /data && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/
VOLUME /data
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["/usr/local/bin/redis-entrypoint.sh"]
CMD ["redis-server"]
