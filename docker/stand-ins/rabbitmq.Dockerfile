# Stand-in for rabbitmq:4-management-alpine where Docker Hub is out of reach (scripts/stand-in-images.sh
# servers): Debian's RabbitMQ 3.10 with the management plugin, guest allowed from other hosts (as in
# the official image), logs on standard output, data in /var/lib/rabbitmq.
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rabbitmq-server && \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin && \
    printf 'loopback_users.guest = false\nlisteners.tcp.default = 5672\nmanagement.tcp.port = 15672\n' >/etc/rabbitmq/rabbitmq.conf && \
    echo '[rabbitmq_management].' >/etc/rabbitmq/enabled_plugins
COPY rabbitmq-entrypoint.sh /usr/local/bin/
ENV RABBITMQ_LOGS=- HOME=/var/lib/rabbitmq
VOLUME /var/lib/rabbitmq
EXPOSE 5672 15672
ENTRYPOINT ["/usr/local/bin/rabbitmq-entrypoint.sh"]
CMD ["rabbitmq-server"]
